// The Open311 GeoReport v2 contract: every endpoint in JSON (bare arrays) and XML (the
// specification's element names, read with an XML parser), errors in the specification's
// shape, reports filed through the app's intake, and no personal data in what is read back.
import exifr from 'exifr';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { jpegWithGps, multipartBody } from '../media/test-fixtures.js';

let t: TestApp;
let admin: TestUser;
let operator: TestUser;
let reportKey: string;
let readOnlyKey: string;
const BASE = '/open311/v2';
const CITADEL = { lat: '16.4698', long: '107.5786' };
const PERSONAL = { phone: '0905 123 456', email: 'an.nguyen@mail.vn' };

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) =>
    ['service', 'request', 'error', 'request_update', 'endpoint', 'format', 'attribute', 'value'].includes(name),
});

type Row = Record<string, unknown>;
const xmlOf = (body: string) => xml.parse(body) as Record<string, unknown>;

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

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function postRequest(format: 'json' | 'xml', fields: Record<string, string>) {
  return t.app.inject({ method: 'POST', url: `${BASE}/requests.${format}`, headers: FORM, payload: form(fields) });
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.db, 'admin');
  operator = await createUser(t.db, 'operator');
  reportKey = await createKey({ name: 'City 311 app', scopes: ['report', 'read'] });
  readOnlyKey = await createKey({ name: 'Dashboard', scopes: ['read'] });
});
afterAll(() => t.close());

function expectErrors(response: { statusCode: number; body: string; json(): unknown }, format: string, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  if (format === 'json') {
    const body = response.json() as Row[];
    expect(Array.isArray(body)).toBe(true);
    expect(body[0]).toMatchObject({ code: status, description: expect.any(String) });
  } else {
    const errors = (xmlOf(response.body).errors as { error: Row[] }).error;
    expect(errors[0]?.code).toBe(String(status));
    expect(String(errors[0]?.description).length).toBeGreaterThan(0);
  }
}

describe('discovery and services', () => {
  it('describes the endpoint in both formats', async () => {
    const json = await t.app.inject({ method: 'GET', url: `${BASE}/discovery.json` });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      changeset: expect.any(String),
      contact: expect.any(String),
      key_service: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: expect.stringMatching(/\/open311\/v2$/),
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
    const response = await t.app.inject({ method: 'GET', url: `${BASE}/discovery.xml` });
    expect(response.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
    const discovery = xmlOf(response.body).discovery as { endpoints: { endpoint: Row[] } };
    const endpoint = discovery.endpoints.endpoint[0] as { formats: { format: string[] }; specification: string };
    expect(endpoint.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(endpoint.formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('lists the categories as services, in Vietnamese or English', async () => {
    const vi = (await t.app.inject({ method: 'GET', url: `${BASE}/services.json?jurisdiction_id=hue` })).json();
    const road = (vi as Row[]).find((s) => s.service_code === 'road_damage');
    expect(road).toEqual({
      service_code: 'road_damage',
      service_name: 'Hư hỏng đường, vỉa hè',
      description: expect.stringContaining('potholes'),
      metadata: true, // it asks the kind and size of the damage (the pack's attributes)
      type: 'realtime',
      keywords: expect.any(String),
      group: 'infrastructure',
    });
    const en = (await t.app.inject({ method: 'GET', url: `${BASE}/services.json?locale=en-GB` })).json() as Row[];
    expect(en.find((s) => s.service_code === 'road_damage')?.service_name).toBe('Roads and sidewalks');

    const response = await t.app.inject({ method: 'GET', url: `${BASE}/services.xml` });
    const services = (xmlOf(response.body).services as { service: Row[] }).service;
    expect(services.length).toBe((vi as Row[]).length);
    for (const field of ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']) {
      expect(services[0]).toHaveProperty(field);
    }
    expect(services.find((s) => s.service_code === 'waste')?.metadata).toBe('true');
    expect(services.find((s) => s.service_code === 'traffic')?.metadata).toBe('false');
  });

  it('gives an empty definition for a service without attributes, and a 404 for an unknown service', async () => {
    const json = await t.app.inject({ method: 'GET', url: `${BASE}/services/traffic.json` });
    expect(json.json()).toEqual({ service_code: 'traffic', attributes: [] });
    const response = await t.app.inject({ method: 'GET', url: `${BASE}/services/traffic.xml` });
    expect(xmlOf(response.body).service_definition).toEqual({ service_code: 'traffic', attributes: '' });
    for (const format of ['json', 'xml']) {
      expectErrors(await t.app.inject({ method: 'GET', url: `${BASE}/services/no_such.${format}` }), format, 404);
    }
  });

  it('answers an unknown jurisdiction with a 404 in the specification shape', async () => {
    for (const format of ['json', 'xml']) {
      for (const path of ['services', 'requests', 'services/road_damage', 'servicerequestupdates']) {
        const response = await t.app.inject({
          method: 'GET',
          url: `${BASE}/${path}.${format}?jurisdiction_id=atlantis`,
        });
        expectErrors(response, format, 404);
      }
      expectErrors(
        await postRequest(format as 'json', { jurisdiction_id: 'atlantis', api_key: reportKey }),
        format,
        404,
      );
    }
  });
});

describe('filing requests', () => {
  const codes: string[] = [];

  it('files a report through intake that the staff queue shows with channel open311', async () => {
    for (const format of ['json', 'xml'] as const) {
      const response = await postRequest(format, {
        api_key: reportKey,
        jurisdiction_id: 'hue',
        service_code: 'road_damage',
        ...CITADEL,
        address_string: '12 Lê Duẩn',
        description: `Ổ gà lớn (${format}), liên hệ ${PERSONAL.phone} hoặc ${PERSONAL.email}`,
        email: 'reporter@example.org',
        phone: '+84905999888',
        first_name: 'Lan',
        last_name: 'Trần',
        media_url: 'https://example.org/photo.jpg',
      });
      expect(response.statusCode, response.body).toBe(201);
      let created: Row;
      if (format === 'json') {
        const body = response.json() as Row[];
        expect(body).toHaveLength(1);
        created = body[0] as Row;
      } else {
        created = ((xmlOf(response.body).service_requests as { request: Row[] }).request[0] ?? {}) as Row;
      }
      expect(created).toHaveProperty('service_notice');
      expect(created).toHaveProperty('account_id');
      expect(String(created.service_request_id)).toMatch(/^HUE-\d{4}-\d{6}$/);
      codes.push(String(created.service_request_id));
    }
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/cases?channel=open311', headers: operator.auth });
    expect(queue.statusCode, queue.body).toBe(200);
    const items = queue.json().items as Array<{ code: string; channel: string; category: string; reporter: Row }>;
    for (const code of codes) {
      const item = items.find((c) => c.code === code);
      expect(item).toMatchObject({ channel: 'open311', category: 'road_damage' });
      expect(item?.reporter?.display_name).toBe('API: City 311 app');
    }
    // the contact is kept for staff, apart from the case
    const { rows } = await t.db.query<{ email: string }>(
      'SELECT d.email FROM open311_request_details d JOIN cases c ON c.id = d.case_id WHERE c.code = $1',
      [codes[0]],
    );
    expect(rows[0]?.email).toBe('reporter@example.org');
  });

  it('refuses a missing or bad api_key, a key without the report scope, and a revoked key (403)', async () => {
    const fields = { service_code: 'road_damage', ...CITADEL, description: 'x' };
    const revokedKey = await createKey({ name: 'Old app', scopes: ['report'] });
    const { rows } = await t.db.query<{ id: string }>("SELECT id FROM api_clients WHERE name = 'Old app'");
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/api-clients/${rows[0]?.id}/revoke`,
      headers: admin.auth,
    });
    expect(revoke.statusCode).toBe(200);
    for (const format of ['json', 'xml'] as const) {
      expectErrors(await postRequest(format, fields), format, 403);
      expectErrors(await postRequest(format, { ...fields, api_key: 'cp_not-a-key' }), format, 403);
      expectErrors(await postRequest(format, { ...fields, api_key: readOnlyKey }), format, 403);
      expectErrors(await postRequest(format, { ...fields, api_key: revokedKey }), format, 403);
    }
  });

  it('needs a known service_code and a point (400)', async () => {
    for (const format of ['json', 'xml'] as const) {
      expectErrors(await postRequest(format, { api_key: reportKey, ...CITADEL, description: 'x' }), format, 400);
      expectErrors(
        await postRequest(format, { api_key: reportKey, service_code: 'nope', ...CITADEL, description: 'x' }),
        format,
        400,
      );
      const addressOnly = await postRequest(format, {
        api_key: reportKey,
        service_code: 'road_damage',
        address_string: '12 Lê Duẩn',
      });
      expectErrors(addressOnly, format, 400);
      expect(addressOnly.body).toContain('point');
    }
  });

  it('takes a photo as a multipart media file, and shows its stripped public copy as media_url', async () => {
    const { body, contentType } = await multipartBody(
      [{ field: 'media', name: 'pothole.jpg', type: 'image/jpeg', bytes: await jpegWithGps() }],
      {
        api_key: reportKey,
        service_code: 'road_damage',
        lat: String(CITADEL.lat),
        long: String(CITADEL.long),
        description: 'Ổ gà có ảnh',
      },
    );
    const posted = await t.app.inject({
      method: 'POST',
      url: `${BASE}/requests.json`,
      headers: { 'content-type': contentType },
      payload: body,
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = (posted.json() as Row[])[0]?.service_request_id;
    const read = (await t.app.inject({ method: 'GET', url: `${BASE}/requests/${id}.json` })).json() as Row[];
    const mediaUrl = String(read[0]?.media_url);
    expect(mediaUrl).toMatch(/\/api\/v1\/media\/[0-9a-f-]+\/public$/);
    const photo = await t.app.inject({ method: 'GET', url: new URL(mediaUrl).pathname });
    expect(photo.statusCode).toBe(200);
    expect(await exifr.gps(photo.rawPayload).catch(() => undefined)).toBeUndefined();

    // a refused request keeps no file
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM media')).rows[0]?.n;
    const refused = await multipartBody(
      [{ field: 'media', name: 'p.jpg', type: 'image/jpeg', bytes: await jpegWithGps() }],
      {
        api_key: 'not-a-key',
        service_code: 'road_damage',
        lat: String(CITADEL.lat),
        long: String(CITADEL.long),
      },
    );
    const answer = await t.app.inject({
      method: 'POST',
      url: `${BASE}/requests.json`,
      headers: { 'content-type': refused.contentType },
      payload: refused.body,
    });
    expect(answer.statusCode).toBe(403);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM media')).rows[0]?.n).toBe(before);
  });

  it('reads requests back without personal data, by id, by filters and by token', async () => {
    const list = await t.app.inject({ method: 'GET', url: `${BASE}/requests.json?service_code=road_damage` });
    const requests = list.json() as Row[];
    const mine = requests.filter((r) => codes.includes(String(r.service_request_id)));
    expect(mine).toHaveLength(2);
    const fields = [
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ];
    expect(Object.keys(mine[0] ?? {}).sort()).toEqual([...fields].sort());
    expect(mine[0]).toMatchObject({ status: 'open', service_code: 'road_damage', lat: 16.4698, long: 107.5786 });
    expect(String(mine[0]?.requested_datetime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    for (const secret of [PERSONAL.phone, PERSONAL.email, 'reporter@example.org', '+84905999888', 'Trần', 'Lan']) {
      expect(list.body).not.toContain(secret);
    }
    expect(String(mine[0]?.description)).toContain('[phone]');

    const xmlList = await t.app.inject({
      method: 'GET',
      url: `${BASE}/requests.xml?service_request_id=${codes.join(',')}`,
    });
    const xmlRequests = (xmlOf(xmlList.body).service_requests as { request: Row[] }).request;
    expect(xmlRequests.map((r) => r.service_request_id).sort()).toEqual([...codes].sort());
    for (const field of fields) expect(xmlRequests[0]).toHaveProperty(field);
    expect(xmlList.body).not.toContain('reporter@example.org');

    const closed = await t.app.inject({ method: 'GET', url: `${BASE}/requests.json?status=closed` });
    expect((closed.json() as Row[]).some((r) => codes.includes(String(r.service_request_id)))).toBe(false);
    const future = await t.app.inject({
      method: 'GET',
      url: `${BASE}/requests.json?start_date=2099-01-01T00:00:00Z&end_date=2099-02-01T00:00:00%2B07:00`,
    });
    expect(future.json()).toEqual([]);
    expectErrors(await t.app.inject({ method: 'GET', url: `${BASE}/requests.xml?start_date=yesterday` }), 'xml', 400);

    const one = await t.app.inject({ method: 'GET', url: `${BASE}/requests/${codes[0]}.json` });
    expect((one.json() as Row[])[0]?.service_request_id).toBe(codes[0]);
    const oneXml = await t.app.inject({ method: 'GET', url: `${BASE}/requests/${codes[0]}.xml` });
    expect((xmlOf(oneXml.body).service_requests as { request: Row[] }).request[0]?.service_request_id).toBe(codes[0]);
    for (const format of ['json', 'xml']) {
      expectErrors(
        await t.app.inject({ method: 'GET', url: `${BASE}/requests/HUE-0000-000000.${format}` }),
        format,
        404,
      );
      expectErrors(await t.app.inject({ method: 'GET', url: `${BASE}/tokens/nothing.${format}` }), format, 404);
    }
    const token = await t.app.inject({ method: 'GET', url: `${BASE}/tokens/${codes[0]}.json` });
    expect(token.json()).toEqual([{ service_request_id: codes[0], token: codes[0] }]);
    const tokenXml = await t.app.inject({ method: 'GET', url: `${BASE}/tokens/${codes[0]}.xml` });
    expect((xmlOf(tokenXml.body).service_requests as { request: Row[] }).request[0]).toEqual({
      service_request_id: codes[0],
      token: codes[0],
    });
  });
});

describe('service request updates', () => {
  let code: string;
  let updateKey: string;
  let otherAgencyKey: string;

  beforeAll(async () => {
    updateKey = await createKey({ name: 'HEPCO works system', scopes: ['update'], agency: 'hepco' });
    otherAgencyKey = await createKey({ name: 'DOC system', scopes: ['update'], agency: 'doc' });
    const created = await postRequest('json', {
      api_key: reportKey,
      service_code: 'streetlight',
      ...CITADEL,
      description: 'Đèn đường tắt cả tuần',
    });
    code = String((created.json() as Row[])[0]?.service_request_id);
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM cases WHERE code = $1', [code]);
    const assign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${rows[0]?.id}/assign`,
      headers: operator.auth,
      payload: { agency: 'hepco' },
    });
    expect(assign.statusCode, assign.body).toBe(200);
  });

  const postUpdate = (format: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: `${BASE}/servicerequestupdates.${format}`,
      headers: FORM,
      payload: form(fields),
    });

  it("moves the agency's case through the workflow and lists the public changes", async () => {
    const progress = await postUpdate('json', {
      api_key: updateKey,
      service_request_id: code,
      status: 'IN_PROGRESS',
      description: 'Đội đã nhận việc',
    });
    expect(progress.statusCode, progress.body).toBe(200);
    expect((progress.json() as Row[])[0]?.update_id).toMatch(/^\d+$/);
    const fixed = await postUpdate('xml', {
      api_key: updateKey,
      service_request_id: code,
      status: 'closed',
      description: 'Đã thay bóng đèn',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const ack = (xmlOf(fixed.body).service_request_updates as { request_update: Row[] }).request_update;
    expect(ack[0]?.update_id).toMatch(/^\d+$/);

    const one = (await t.app.inject({ method: 'GET', url: `${BASE}/requests/${code}.json` })).json() as Row[];
    expect(one[0]).toMatchObject({ status: 'closed', status_notes: 'Đã thay bóng đèn' });

    const json = await t.app.inject({ method: 'GET', url: `${BASE}/servicerequestupdates.json` });
    const updates = (json.json() as Row[]).filter((u) => u.service_request_id === code);
    expect(updates.map((u) => u.status)).toEqual(['ACTION_SCHEDULED', 'IN_PROGRESS', 'FIXED']);
    expect(updates[2]).toMatchObject({
      update_id: expect.stringMatching(/^\d+$/),
      description: 'Đã thay bóng đèn',
      external_status_code: 'resolved',
      updated_datetime: expect.stringMatching(/Z$/),
      media_url: null,
    });
    const xmlUpdates = await t.app.inject({ method: 'GET', url: `${BASE}/servicerequestupdates.xml` });
    const listed = (xmlOf(xmlUpdates.body).service_request_updates as { request_update: Row[] }).request_update;
    const last = listed.filter((u) => u.service_request_id === code).at(-1);
    for (const field of ['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url']) {
      expect(last).toHaveProperty(field);
    }
  });

  it("refuses another agency's case, a client without the update scope, and an unknown status", async () => {
    const fields = { service_request_id: code, status: 'IN_PROGRESS' };
    expectErrors(await postUpdate('json', { ...fields, api_key: otherAgencyKey }), 'json', 404);
    expectErrors(await postUpdate('xml', { ...fields, api_key: reportKey }), 'xml', 403);
    expectErrors(await postUpdate('json', { ...fields, api_key: updateKey, status: 'MAYBE' }), 'json', 400);
  });
});
