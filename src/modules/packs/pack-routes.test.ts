// City packs over HTTP: an admin uploads the pack's files, gets every problem of a broken
// pack (and nothing written), or what an import would change, and imports it whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartBody } from '../media/test-fixtures.js';
import { type HueFiles, readHue } from './pack-fixtures.js';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.db, 'admin');
});
afterAll(() => t?.close());

type Upload = Partial<Record<'pack.json' | 'areas.geojson' | 'agencies.json' | 'categories.json', unknown>>;

function hueUpload(mutate: (files: HueFiles) => void = () => {}): Upload {
  const files = readHue();
  mutate(files);
  return {
    'pack.json': files.manifest,
    'areas.geojson': files.areas,
    'agencies.json': files.agencies,
    'categories.json': files.categories,
  };
}

async function send(action: 'validate' | 'import', upload: Upload, user = admin) {
  const { body, contentType } = await multipartBody(
    Object.entries(upload).map(([name, value]) => ({
      field: name,
      name,
      type: 'application/json',
      bytes: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    })),
  );
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/pack/${action}`,
    headers: { ...user.auth, 'content-type': contentType },
    payload: body,
  });
}

const categoryName = async (code: string) =>
  (await t.db.query<{ name_en: string }>('SELECT name_en FROM categories WHERE code = $1', [code])).rows[0]?.name_en;

function broken(): Upload {
  return hueUpload((files) => {
    const waste = files.categories.categories.find((c) => c.code === 'waste') as Record<string, unknown>;
    waste.sla_hours = 0;
    waste.en = 'Renamed, but the pack is broken';
    const hepco = files.agencies.agencies.find((a) => a.code === 'hepco') as Record<string, unknown>;
    hepco.areas = ['46', '00000'];
  });
}

describe('POST /api/v1/admin/pack/validate', () => {
  it('lists every problem of a broken pack, naming file and item, and writes nothing', async () => {
    const response = await send('validate', { ...broken(), 'pack.json': '{"code": "hue",' });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.valid).toBe(false);
    expect(report.changes).toBeNull();
    expect(report.problems).toEqual([
      expect.stringMatching(/^pack\.json: not valid JSON/),
      'agencies.json: agency 1 (code hepco): area "00000" is not an area of the pack or of the database',
      'categories.json: category 0 (code waste): sla_hours must be a positive whole number of hours (got 0)',
    ]);
    expect(await categoryName('waste')).toBe('Garbage and sanitation');
  });

  it('says what an import would change, without changing it', async () => {
    const upload = hueUpload((files) => {
      (files.categories.categories.find((c) => c.code === 'waste') as Record<string, unknown>).en = 'Rubbish';
    });
    const response = await send('validate', upload);
    expect(response.json()).toMatchObject({
      valid: true,
      problems: [],
      changes: {
        pack: { code: 'hue', name: 'Huế', demo: true },
        areas: { created: 0, updated: 0, unchanged: 41 },
        agencies: { created: 0, updated: 0, unchanged: 96 },
        categories: { created: 0, updated: 1, unchanged: 16 },
      },
    });
    expect(await categoryName('waste')).toBe('Garbage and sanitation');
  });

  it('needs pack.json and every other file, and says which are missing', async () => {
    const { 'pack.json': _manifest, 'agencies.json': _agencies, ...rest } = hueUpload();
    const response = await send('validate', rest);
    expect(response.json().problems).toEqual(['pack.json: file is missing', 'agencies.json: file is missing']);
  });

  it('refuses a body that is not the pack files', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/pack/validate',
      headers: admin.auth,
      payload: {},
    });
    expect([json.statusCode, json.json().error.code]).toEqual([400, 'not_multipart']);
    const other = await send('validate', { 'readme.md': 'hello' } as Upload);
    expect([other.statusCode, other.json().error.code]).toEqual([400, 'unexpected_part']);
  });
});

describe('POST /api/v1/admin/pack/import', () => {
  it('refuses a broken pack whole with 422 and every problem, importing nothing', async () => {
    const response = await send('import', broken());
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('pack_invalid');
    expect(response.json().error.details.problems).toHaveLength(2);
    expect(await categoryName('waste')).toBe('Garbage and sanitation');
    const hepco = await t.app.inject({ method: 'GET', url: '/api/v1/agencies/hepco' });
    expect(hepco.json().area_codes).toEqual(['46']);
  });

  it('imports a changed pack and answers what changed; the same pack again changes nothing', async () => {
    const upload = hueUpload((files) => {
      (files.categories.categories.find((c) => c.code === 'waste') as Record<string, unknown>).en = 'Rubbish';
    });
    const first = await send('import', upload);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      pack: { code: 'hue', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) },
      categories: { created: 0, updated: 1, unchanged: 16 },
      areas: { created: 0, updated: 0, unchanged: 41 },
    });
    expect(await categoryName('waste')).toBe('Rubbish');
    const again = await send('import', upload);
    expect(again.json().categories).toEqual({ created: 0, updated: 0, unchanged: 17 });
    await send('import', hueUpload());
    expect(await categoryName('waste')).toBe('Garbage and sanitation');
  });

  it('records validations, refusals and imports in the audit log', async () => {
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=pack&limit=100',
      headers: admin.auth,
    });
    const actions = audit.json().items.map((entry: { action: string }) => entry.action);
    expect(actions).toContain('pack.validated');
    expect(actions).toContain('pack.import_refused');
    expect(actions).toContain('pack.imported');
    const imported = audit.json().items.find((entry: { action: string }) => entry.action === 'pack.imported');
    expect(imported).toMatchObject({ actor_id: admin.id, target_id: 'hue', details: { categories: { updated: 1 } } });
  });

  it('is for system admins only', async () => {
    const operator = await createUser(t.db, 'operator');
    expect((await send('import', hueUpload(), operator)).statusCode).toBe(403);
  });
});
