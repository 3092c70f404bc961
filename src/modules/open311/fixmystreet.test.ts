// FixMyStreet as a front end of the city, end to end: the requests below are the ones its
// Open311 client (perllib/Open311.pm) makes, in its way. It reads XML (services, service
// definitions, requests, updates) with lists forced as XML::Simple does, and POSTs
// application/x-www-form-urlencoded with jurisdiction_id and api_key in the body: requests with
// attribute[code] fields (a repeated field for each value of a multivaluelist), its citizens'
// comments and "still not fixed" reopenings as servicerequestupdates with its own update_id.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { caseAction } from '../../../test/requests.js';
import { jpegWithGps } from '../media/test-fixtures.js';

let t: TestApp;
let admin: TestUser;
let operator: TestUser;
let frontEndKey: string;
let agencyKey: string;

type Row = Record<string, unknown>;
const BASE = '/open311/v2';
const JURISDICTION = 'hue';
const CITADEL = { lat: '16.469800', long: '107.578600' };

// XML::Simple with ForceArray on the group tags, as Open311.pm's _get_xml_object sets it up
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'attribute', 'value', 'request', 'error', 'request_update'].includes(name),
});

type Params = Record<string, string | string[]>;

/** HTTP::Request::Common's POST: a list value becomes the field repeated. */
function formOf(params: Params): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return body.toString();
}

/** Open311.pm's _request: jurisdiction_id always, api_key on POSTs. */
const fms = {
  async get(path: string, params: Params = {}) {
    const query = formOf({ ...params, jurisdiction_id: JURISDICTION });
    const response = await t.app.inject({ method: 'GET', url: `${BASE}/${path}?${query}` });
    return { status: response.statusCode, body: xml.parse(response.body) as Row, raw: response.body };
  },
  async post(path: string, apiKey: string, params: Params) {
    const response = await t.app.inject({
      method: 'POST',
      url: `${BASE}/${path}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formOf({ ...params, jurisdiction_id: JURISDICTION, api_key: apiKey }),
    });
    return { status: response.statusCode, body: xml.parse(response.body) as Row, raw: response.body };
  },
};

async function createKey(body: Record<string, unknown>): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/api-clients',
    headers: admin.auth,
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().api_key;
}

/** send_service_request: the request id of the answer, as Open311.pm reads it. */
async function sendServiceRequest(params: Params): Promise<string> {
  const answer = await fms.post('requests.xml', frontEndKey, params);
  expect(answer.status, answer.raw).toBe(201);
  const requests = (answer.body.service_requests as { request: Row[] }).request;
  return String(requests[0]?.service_request_id);
}

/** A citizen of FixMyStreet reporting: the fields its client always sends. */
const citizenReport = (serviceCode: string, detail: string): Params => ({
  service_code: serviceCode,
  description: `${detail}\n\nhttps://fixmystreet.example/report/${Math.floor(Math.random() * 1e6)}\n`,
  first_name: 'Lan',
  last_name: 'Trần',
  email: 'lan.tran@mail.vn',
  ...CITADEL,
});

async function staffCase(code: string): Promise<Row> {
  const { rows } = await t.db.query<{ id: string }>('SELECT id FROM cases WHERE code = $1', [code]);
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/cases/${rows[0]?.id}`,
    headers: operator.auth,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Row;
}

const countOf = async (sql: string, params: unknown[] = []) =>
  Number((await t.db.query<{ n: string }>(sql, params)).rows[0]?.n);

/** An error answer in the specification's XML shape, naming what is wrong. */
function expectXmlError(answer: { status: number; body: Row; raw: string }, status: number, names: string) {
  expect(answer.status, answer.raw).toBe(status);
  const errors = (answer.body.errors as { error: Row[] }).error;
  expect(errors[0]?.code).toBe(String(status));
  expect(String(errors[0]?.description)).toContain(names);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.db, 'admin');
  operator = await createUser(t.db, 'operator');
  // FixMyStreet is city-wide: it files its citizens' reports and posts their updates, with no agency
  frontEndKey = await createKey({ name: 'FixMyStreet Huế', scopes: ['report', 'update'], agency: null });
  agencyKey = await createKey({ name: 'HEPCO works system', scopes: ['update'], agency: 'hepco' });
});
afterAll(() => t.close());

describe('FixMyStreet reads the services and their attributes', () => {
  it('sees metadata true where a category has attributes (get_service_list)', async () => {
    const { status, body } = await fms.get('services.xml');
    expect(status).toBe(200);
    const services = (body.services as { service: Row[] }).service;
    const metadata = Object.fromEntries(services.map((s) => [s.service_code, s.metadata]));
    expect(metadata).toMatchObject({ streetlight: 'true', road_damage: 'true', waste: 'true', traffic: 'false' });
  });

  it('reads a definition as the specification shows it, in Vietnamese or English (get_service_meta_info)', async () => {
    const vi = await fms.get('services/road_damage.xml');
    expect(vi.status).toBe(200);
    const definition = vi.body.service_definition as { service_code: string; attributes: { attribute: Row[] } };
    expect(definition.service_code).toBe('road_damage');
    const attributes = definition.attributes.attribute;
    expect(attributes.map((a) => a.code)).toEqual(['damage_kind', 'pothole_size', 'depth_cm']);
    expect(attributes[1]).toEqual({
      variable: 'true',
      code: 'pothole_size',
      datatype: 'singlevaluelist',
      required: 'false',
      datatype_description: '',
      order: '2',
      description: 'Kích thước chỗ hư hỏng',
      values: {
        value: [
          { key: 'small', name: 'Nhỏ (dưới 30 cm)' },
          { key: 'medium', name: 'Vừa (30 cm đến 1 m)' },
          { key: 'large', name: 'Lớn (trên 1 m)' },
        ],
      },
    });
    expect(attributes[2]).toMatchObject({ datatype: 'number', datatype_description: 'Một số, tính bằng xentimét' });

    const en = await t.app.inject({ method: 'GET', url: `${BASE}/services/tourism_heritage.json?locale=en` });
    expect(en.json()).toEqual({
      service_code: 'tourism_heritage',
      attributes: [
        {
          variable: true,
          code: 'site',
          datatype: 'string',
          required: true,
          datatype_description: 'For example Tu Duc Tomb, Thien Mu Pagoda',
          order: 1,
          description: 'Name of the heritage site or tourist spot',
          values: [],
        },
        expect.objectContaining({ code: 'details', datatype: 'text', required: false, datatype_description: null }),
      ],
    });
  });
});

describe('FixMyStreet files reports with attributes (send_service_request)', () => {
  it('keeps the answers with the case for staff, ignoring attributes the service does not have', async () => {
    const code = await sendServiceRequest({
      ...citizenReport('streetlight', 'Đèn đường tắt\n\nCả dãy đèn trước cổng không sáng'),
      'attribute[pole_number]': 'CS-12/045',
      'attribute[lamp_problem]': 'out',
      'attribute[fixmystreet_id]': '4512', // FixMyStreet's own extra for some cities
      media_url: 'https://fixmystreet.example/photo/4512.full.jpeg',
    });
    expect(code).toMatch(/^HUE-\d{4}-\d{6}$/);
    const staff = await staffCase(code);
    expect(staff.attributes).toEqual({ pole_number: 'CS-12/045', lamp_problem: 'out' });
    expect(staff).toMatchObject({ channel: 'open311', category: 'streetlight' });
  });

  it('takes each value of a multivaluelist, repeated as FixMyStreet sends it or as attribute[code][]', async () => {
    const repeated = await sendServiceRequest({
      ...citizenReport('waste', 'Bãi rác tự phát bên đường'),
      'attribute[waste_kind]': ['household', 'bulky'],
    });
    expect((await staffCase(repeated)).attributes).toEqual({ waste_kind: ['household', 'bulky'] });
    const bracketed = await sendServiceRequest({
      ...citizenReport('waste', 'Xà bần đổ trộm dưới chân cầu'),
      'attribute[waste_kind][]': ['construction'],
    });
    expect((await staffCase(bracketed)).attributes).toEqual({ waste_kind: ['construction'] });
  });

  it('takes numbers and dates of their datatype, and empty answers as none', async () => {
    const code = await sendServiceRequest({
      ...citizenReport('road_damage', 'Ổ gà lớn giữa đường'),
      'attribute[damage_kind]': 'pothole',
      'attribute[pothole_size]': 'large',
      'attribute[depth_cm]': '12.5',
    });
    expect((await staffCase(code)).attributes).toEqual({
      damage_kind: 'pothole',
      pothole_size: 'large',
      depth_cm: 12.5,
    });
    const water = await sendServiceRequest({
      ...citizenReport('water_supply', 'Mất nước cả khu phố'),
      'attribute[outage_since]': '2026-01-31T06:00:00+07:00',
    });
    expect((await staffCase(water)).attributes).toEqual({ outage_since: '2026-01-31T06:00:00+07:00' });
    // FixMyStreet sends every field of the form, empty ones too
    const empty = await sendServiceRequest({ ...citizenReport('road_damage', 'Vỉa hè vỡ'), 'attribute[depth_cm]': '' });
    expect((await staffCase(empty)).attributes).toEqual({});
  });

  it('takes the same answers in a multipart report with a photo (clients that send files)', async () => {
    const form = new FormData();
    const fields: Params = {
      ...citizenReport('waste', 'Rác cồng kềnh bỏ ven sông'),
      'attribute[waste_kind][]': ['bulky', 'green'],
      jurisdiction_id: JURISDICTION,
      api_key: frontEndKey,
    };
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
    }
    form.append('media', new Blob([new Uint8Array(await jpegWithGps())], { type: 'image/jpeg' }), 'rac.jpg');
    const request = new Request('http://citypulse.test/', { method: 'POST', body: form });
    const answer = await t.app.inject({
      method: 'POST',
      url: `${BASE}/requests.xml`,
      headers: { 'content-type': request.headers.get('content-type') as string },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(answer.statusCode, answer.body).toBe(201);
    const code = String((xml.parse(answer.body).service_requests as { request: Row[] }).request[0]?.service_request_id);
    const staff = await staffCase(code);
    expect(staff.attributes).toEqual({ waste_kind: ['bulky', 'green'] });
    expect(staff.media).toHaveLength(1);
  });

  it('refuses a missing required answer, a wrong datatype or a value outside the list with a 400 naming it', async () => {
    const before = await countOf('SELECT count(*) AS n FROM cases');
    const refused: Array<[Params, string]> = [
      [citizenReport('tourism_heritage', 'Tường thành bị vẽ bậy'), 'site'],
      [{ ...citizenReport('tourism_heritage', 'Tường thành bị vẽ bậy'), 'attribute[site]': '  ' }, 'site'],
      [{ ...citizenReport('road_damage', 'Ổ gà'), 'attribute[pothole_size]': 'huge' }, 'pothole_size'],
      [{ ...citizenReport('road_damage', 'Ổ gà'), 'attribute[depth_cm]': 'sâu lắm' }, 'depth_cm'],
      [{ ...citizenReport('road_damage', 'Ổ gà'), 'attribute[damage_kind]': ['pothole', 'sunken'] }, 'damage_kind'],
      [{ ...citizenReport('waste', 'Rác'), 'attribute[waste_kind]': ['household', 'gold'] }, 'waste_kind'],
      [{ ...citizenReport('water_supply', 'Mất nước'), 'attribute[outage_since]': 'hôm qua' }, 'outage_since'],
    ];
    for (const [params, attribute] of refused) {
      expectXmlError(await fms.post('requests.xml', frontEndKey, params), 400, attribute);
    }
    expect(await countOf('SELECT count(*) AS n FROM cases')).toBe(before);
  });
});

describe("FixMyStreet posts its citizens' updates (post_service_request_update)", () => {
  let code: string;
  let caseId: string;
  const eventsOf = () => countOf('SELECT count(*) AS n FROM case_events WHERE case_id = $1', [caseId]);

  /** _populate_service_request_update_params, without extended statuses. */
  const update = (updateId: number, status: string, description: string): Params => ({
    updated_datetime: '2026-02-01T09:30:00', // a floating time, as W3CDTF writes one without a zone
    service_request_id: code,
    status,
    description,
    last_name: 'Trần',
    first_name: 'Lan',
    email: 'lan.tran@mail.vn',
    update_id: String(updateId),
  });
  const updateIdOf = (answer: { body: Row }) =>
    String((answer.body.service_request_updates as { request_update: Row[] }).request_update[0]?.update_id);

  beforeAll(async () => {
    code = await sendServiceRequest({
      ...citizenReport('streetlight', 'Đèn đường chập chờn'),
      'attribute[lamp_problem]': 'flickering',
    });
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM cases WHERE code = $1', [code]);
    caseId = String(rows[0]?.id);
    await caseAction(t, operator, caseId, 'assign', { agency: 'hepco' });
  });

  it('makes a comment a public note, masked, without the name or e-mail of its author', async () => {
    const before = await eventsOf();
    const answer = await fms.post(
      'servicerequestupdates.xml',
      frontEndKey,
      update(9001, 'OPEN', 'Tối qua vẫn chập chờn, gọi tôi 0905 123 456'),
    );
    expect(answer.status, answer.raw).toBe(200);
    const updateId = updateIdOf(answer);
    expect(updateId).toMatch(/^\d+$/);
    expect(await eventsOf()).toBe(before + 1);

    const staff = await staffCase(code);
    expect(staff.state).toBe('assigned'); // a comment on an open case moves nothing
    const publicCase = await t.app.inject({ method: 'GET', url: `/api/v1/public/reports/${code}` });
    expect(publicCase.statusCode, publicCase.body).toBe(200);
    const comment = (publicCase.json().timeline as Row[]).find((e) => e.type === 'commented');
    expect(comment).toMatchObject({ id: Number(updateId), public: true, actor_role: 'citizen' });
    expect(comment?.message).toContain('Tối qua vẫn chập chờn');
    expect(comment?.message).not.toContain('0905 123 456');
    for (const personal of ['Lan', 'Trần', 'lan.tran@mail.vn']) expect(publicCase.body).not.toContain(personal);
    // staff keep who wrote it, the way FixMyStreet named them
    const { rows } = await t.db.query('SELECT first_name, last_name, email FROM open311_updates WHERE event_id = $1', [
      updateId,
    ]);
    expect(rows).toEqual([{ first_name: 'Lan', last_name: 'Trần', email: 'lan.tran@mail.vn' }]);
  });

  it('answers a repeated update_id with the same update_id and records nothing new', async () => {
    const first = await fms.post('servicerequestupdates.xml', frontEndKey, update(9002, 'OPEN', 'Cột đèn số 12'));
    const before = await eventsOf();
    const again = await fms.post('servicerequestupdates.xml', frontEndKey, update(9002, 'OPEN', 'Cột đèn số 12'));
    expect(again.status, again.raw).toBe(200);
    expect(updateIdOf(again)).toBe(updateIdOf(first));
    expect(await eventsOf()).toBe(before);
  });

  it('records an update_id posted several times at once exactly once', async () => {
    const before = await eventsOf();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        fms.post('servicerequestupdates.xml', frontEndKey, update(9010, 'OPEN', 'Gửi lại nhiều lần')),
      ),
    );
    for (const answer of answers) expect(answer.status, answer.raw).toBe(200);
    expect(new Set(answers.map(updateIdOf)).size).toBe(1);
    expect(await eventsOf()).toBe(before + 1);
  });

  it('reopens a resolved case on "still not fixed" (status OPEN), and the agency takes it on again', async () => {
    // the agency's own system fixes it, and FixMyStreet reads the extended statuses
    for (const [status, description] of [
      ['IN_PROGRESS', 'Đội đã nhận việc'],
      ['FIXED', 'Đã thay bóng đèn'],
    ]) {
      const answer = await fms.post('servicerequestupdates.xml', agencyKey, {
        service_request_id: code,
        status: String(status),
        description: String(description),
      });
      expect(answer.status, answer.raw).toBe(200);
    }
    const closed = await fms.get('requests.xml', { service_request_id: code });
    expect((closed.body.service_requests as { request: Row[] }).request[0]).toMatchObject({
      service_request_id: code,
      status: 'closed',
      status_notes: 'Đã thay bóng đèn',
    });

    const reopen = await fms.post(
      'servicerequestupdates.xml',
      frontEndKey,
      update(9003, 'OPEN', 'Vẫn chưa sửa: đèn lại tắt tối nay'),
    );
    expect(reopen.status, reopen.raw).toBe(200);
    const staff = await staffCase(code);
    expect(staff).toMatchObject({ state: 'reopened', reopen_count: 1 });

    const updates = await fms.get('servicerequestupdates.xml', {
      start_date: new Date(Date.now() - 3_600_000).toISOString(),
      end_date: new Date(Date.now() + 60_000).toISOString(),
    });
    const ours = (updates.body.service_request_updates as { request_update: Row[] }).request_update.filter(
      (u) => u.service_request_id === code,
    );
    expect(ours.map((u) => u.status)).toEqual(['ACTION_SCHEDULED', 'IN_PROGRESS', 'FIXED', 'OPEN']);
    // the reopening is the update FixMyStreet made: it knows it by the update_id it was given
    expect(ours.at(-1)).toMatchObject({ update_id: updateIdOf(reopen), external_status_code: 'reopened' });
    const open = await fms.get('requests.xml', { service_request_id: code });
    expect((open.body.service_requests as { request: Row[] }).request[0]?.status).toBe('open');

    const again = await fms.post('servicerequestupdates.xml', agencyKey, {
      service_request_id: code,
      status: 'IN_PROGRESS',
      description: 'Đội sẽ kiểm tra lại dây',
    });
    expect(again.status, again.raw).toBe(200);
    expect((await staffCase(code)).state).toBe('in_progress');
  });

  it("takes REOPEN (mark_reopen), keeps a citizen's CLOSED as a comment, and refuses an empty update", async () => {
    await fms.post('servicerequestupdates.xml', agencyKey, { service_request_id: code, status: 'FIXED' });
    const reopen = await fms.post('servicerequestupdates.xml', frontEndKey, update(9004, 'REOPEN', ''));
    expect(reopen.status, reopen.raw).toBe(200);
    expect((await staffCase(code)).state).toBe('reopened');

    const before = await eventsOf();
    // an update with nothing to say and nothing to do
    expectXmlError(
      await fms.post('servicerequestupdates.xml', frontEndKey, update(9005, 'OPEN', '')),
      400,
      'description',
    );
    // a citizen saying it is fixed: the city closes its cases itself, the comment is kept
    const closing = await fms.post('servicerequestupdates.xml', frontEndKey, update(9006, 'CLOSED', 'Đã sáng lại'));
    expect(closing.status, closing.raw).toBe(200);
    expect(await eventsOf()).toBe(before + 1);
    expect((await staffCase(code)).state).toBe('reopened');
    expectXmlError(
      await fms.post('servicerequestupdates.xml', frontEndKey, {
        ...update(9007, 'OPEN', 'Hỏng'),
        service_request_id: 'HUE-0000-999999',
      }),
      404,
      'HUE-0000-999999',
    );
  });
});
