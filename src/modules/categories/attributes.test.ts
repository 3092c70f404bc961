// Category attributes: the city pack defines them (each problem named), the import stores
// them, the categories API lists them, and the app's reports answer them, checked the same
// way as Open311's (fixmystreet.test.ts): a wrong answer is a 400 naming the attribute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { jpegWithGps, multipartBody } from '../media/test-fixtures.js';
import { importCityPack } from '../packs/import.js';
import { loadPack } from '../packs/load.js';
import { removeTempPacks, writeHue } from '../packs/pack-fixtures.js';
import { EMPTY_DATABASE, PackInvalidError, validatePack } from '../packs/validate.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
const CITADEL = { lat: 16.4698, lon: 107.5786 };

beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
});
afterAll(async () => {
  await t.close();
  removeTempPacks();
});

type Item = Record<string, unknown>;

describe('attributes in the city pack', () => {
  it('names every problem of an attribute: its category, its index and code, the field', async () => {
    const dir = writeHue((files) => {
      const of = (code: string) => files.categories.categories.find((c) => c.code === code) as Item;
      of('traffic').attributes = [
        { code: 'signal', datatype: 'colour', order: 1, vi: 'Đèn', en: 'Signal' },
        { code: 'lane', datatype: 'singlevaluelist', order: 0, vi: 'Làn', en: 'Lane' },
        { code: 'lane', datatype: 'string', order: 2, en: 'Lane again' },
        {
          code: 'kind',
          datatype: 'number',
          order: 3,
          vi: 'Loại',
          en: 'Kind',
          values: [{ key: 'a', vi: 'A', en: 'A' }],
        },
        {
          code: 'side',
          datatype: 'multivaluelist',
          order: 4,
          vi: 'Bên',
          en: 'Side',
          values: [
            { key: 'left', vi: 'Trái', en: 'Left' },
            { key: 'left', vi: 'Trái', en: 'Left' },
          ],
        },
      ];
      of('other').attributes = 'none';
    });
    const loaded = await loadPack(dir);
    let problems: string[] = [];
    try {
      validatePack(loaded, EMPTY_DATABASE);
    } catch (caught) {
      expect(caught).toBeInstanceOf(PackInvalidError);
      problems = (caught as PackInvalidError).problems;
    }
    const traffic = 'categories.json: category 4 (code traffic)';
    expect(problems).toEqual([
      `${traffic}: attribute 0 (code signal): datatype "colour" is not one of string, number, datetime, text, singlevaluelist, multivaluelist`,
      `${traffic}: attribute 1 (code lane): order must be a positive whole number (the position in the form) (got 0)`,
      `${traffic}: attribute 1 (code lane): a singlevaluelist needs values, a non-empty list of {"key", "vi", "en"}`,
      `${traffic}: attribute 2 (code lane): vi is missing`,
      `${traffic}: attribute 3 (code kind): values are for the list datatypes (singlevaluelist, multivaluelist) only`,
      `${traffic}: attribute 4 (code side): the key "left" is given twice`,
      'categories.json: category 16 (code other): attributes must be a list',
    ]);
  });

  it('stores changed attributes on import and lists them with the category', async () => {
    const dir = writeHue((files) => {
      const traffic = files.categories.categories.find((c) => c.code === 'traffic') as Item;
      traffic.attributes = [
        {
          code: 'signal_id',
          datatype: 'string',
          required: true,
          order: 1,
          vi: 'Mã cột đèn tín hiệu',
          en: 'Traffic signal id',
        },
      ];
    });
    const report = await importCityPack(t.db, dir);
    expect(report.categories).toEqual({ created: 0, updated: 1, unchanged: 16 });
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/categories/traffic' });
    expect(response.json().attributes).toEqual([
      {
        code: 'signal_id',
        datatype: 'string',
        required: true,
        order: 1,
        description_vi: 'Mã cột đèn tín hiệu',
        description_en: 'Traffic signal id',
        datatype_description_vi: null,
        datatype_description_en: null,
        values: [],
      },
    ]);
    // the Hue pack again: as it was, the same import changes nothing more
    const hue = writeHue();
    expect((await importCityPack(t.db, hue)).categories).toEqual({ created: 0, updated: 1, unchanged: 16 });
    expect((await importCityPack(t.db, hue)).categories).toEqual({ created: 0, updated: 0, unchanged: 17 });
  });
});

describe("the app's reports answer the attributes", () => {
  const report = (body: Item) =>
    t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.auth, payload: { ...CITADEL, ...body } });

  async function attributesSeenByStaff(caseId: string) {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: operator.auth });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().attributes;
  }

  it('keeps checked answers with the case, shown to staff only', async () => {
    const created = await report({
      description: 'Ổ gà lớn trước trường học',
      category: 'road_damage',
      attributes: { damage_kind: 'pothole', pothole_size: 'medium', depth_cm: '8' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).not.toHaveProperty('attributes');
    expect(await attributesSeenByStaff(body.id)).toEqual({
      damage_kind: 'pothole',
      pothole_size: 'medium',
      depth_cm: 8,
    });
    const publicCase = await t.app.inject({ method: 'GET', url: `/api/v1/public/reports/${body.code}` });
    expect(publicCase.body).not.toContain('pothole_size');
  });

  it('refuses a wrong answer with a 400 naming the attribute, and creates nothing', async () => {
    const before = Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]?.n);
    const refused: Array<[Item, string, string]> = [
      [{ category: 'tourism_heritage' }, 'attribute_required', 'site'],
      [{ category: 'tourism_heritage', attributes: { site: ' ' } }, 'attribute_required', 'site'],
      [{ category: 'road_damage', attributes: { pothole_size: 'huge' } }, 'invalid_attribute', 'pothole_size'],
      [{ category: 'road_damage', attributes: { depth_cm: 'deep' } }, 'invalid_attribute', 'depth_cm'],
      [{ category: 'waste', attributes: { waste_kind: ['household', 'gold'] } }, 'invalid_attribute', 'waste_kind'],
      [{ category: 'road_damage', attributes: { colour: 'red' } }, 'unknown_attribute', 'colour'],
      [{ attributes: { depth_cm: 3 } }, 'attributes_without_category', ''],
    ];
    for (const [body, code, attribute] of refused) {
      const response = await report({ description: 'Có sự cố cần xử lý', ...body });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe(code);
      if (attribute) {
        expect(response.json().error.details).toEqual({ attribute });
        expect(response.json().error.message).toContain(attribute);
      }
    }
    const after = Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]?.n);
    expect(after).toBe(before);
  });

  it('takes the answers as JSON text in a multipart report with a photo', async () => {
    const { body, contentType } = await multipartBody(
      [{ name: 'den.jpg', type: 'image/jpeg', bytes: await jpegWithGps() }],
      {
        description: 'Cột đèn nghiêng sắp đổ',
        category: 'streetlight',
        lat: String(CITADEL.lat),
        lon: String(CITADEL.lon),
        attributes: JSON.stringify({ pole_number: 'CS-07/112', lamp_problem: 'damaged_pole' }),
      },
    );
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...citizen.auth, 'content-type': contentType },
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await attributesSeenByStaff(created.json().id)).toEqual({
      pole_number: 'CS-07/112',
      lamp_problem: 'damaged_pole',
    });
  });
});
