// Text that PostgreSQL cannot store (NUL, a lone surrogate) and bodies that are neither JSON
// nor a form are clear 4xx answers that change nothing, on every route, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartBody } from '../../modules/media/test-fixtures.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
let caseId: string;
beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  const made = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: citizen.auth,
    payload: { description: 'Ổ gà trên đường Lê Lợi', lat: 16.4698, lon: 107.5786 },
  });
  caseId = made.json().id;
});
afterAll(() => t.close());

async function counts() {
  const { rows } = await t.db.query<{ cases: number; events: number }>(
    'SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM case_events) AS events',
  );
  return rows[0];
}

// written as JSON text: JSON.stringify would keep the escapes, but these must reach the parser raw
const HOSTILE = [
  ['a NUL character', String.raw`"Ổ gà\u0000 trên đường"`],
  ['a lone high surrogate', String.raw`"Ổ gà \ud800 trên đường"`],
  ['a lone low surrogate', String.raw`"Ổ gà \udc00 trên đường"`],
] as const;

describe('text PostgreSQL cannot store', () => {
  it.each(HOSTILE)('in a report is a 400 naming the field, with nothing written (%s)', async (_name, text) => {
    const before = await counts();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...citizen.auth, 'content-type': 'application/json' },
      payload: `{"description":${text},"lat":16.4698,"lon":107.5786}`,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_text', details: { path: 'body.description' } });
    expect(await counts()).toEqual(before);
  });

  it.each(HOSTILE)('in a key of a JSON object is a 400 too (%s)', async (_name, text) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...citizen.auth, 'content-type': 'application/json' },
      payload: `{"description":"Ổ gà","lat":16.4698,"lon":107.5786,${text}:1}`,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('invalid_text');
  });

  it('in a multipart report field is a 400', async () => {
    const before = await counts();
    const { body, contentType } = await multipartBody([], {
      description: 'Ổ gà\u0000',
      lat: '16.4698',
      lon: '107.5786',
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...citizen.auth, 'content-type': contentType },
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_text', details: { path: 'description' } });
    expect(await counts()).toEqual(before);
  });

  it.each(HOSTILE)("in a staff note is a 400, the case's timeline unchanged (%s)", async (_name, text) => {
    const before = await counts();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/notes`,
      headers: { ...operator.auth, 'content-type': 'application/json' },
      payload: `{"message":${text}}`,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('invalid_text');
    expect(await counts()).toEqual(before);
  });

  it.each(HOSTILE)('in a sign-in is a 400 (%s)', async (_name, text) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { 'content-type': 'application/json' },
      payload: `{"email":${text},"password":"citypulse-demo"}`,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('invalid_text');
  });

  it('in a query string is a 400', async () => {
    for (const q of ['%00', '%ED%A0%80']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases?q=a${q}b`, headers: operator.auth });
      // %ED%A0%80 is not UTF-8 at all: decoded, it is a replacement character, which is harmless
      expect([400, 200], response.body).toContain(response.statusCode);
      if (q === '%00') expect(response.json().error.code).toBe('invalid_text');
    }
  });
});

describe('text PostgreSQL cannot store, through Open311', () => {
  let apiKey: string;
  beforeAll(async () => {
    const admin = await createUser(t.db, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-clients',
      headers: admin.auth,
      payload: { name: 'City 311 app', scopes: ['report'] },
    });
    apiKey = created.json().api_key;
  });
  const fields = () => ({
    api_key: apiKey,
    service_code: 'road_damage',
    lat: '16.4698',
    long: '107.5786',
    description: 'Ổ gà\u0000 trên đường',
  });

  it('is a 400 in a form body, nothing written', async () => {
    const before = await counts();
    const response = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields()).toString(),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('is a 400 in a multipart body, nothing written', async () => {
    const before = await counts();
    const { body, contentType } = await multipartBody([], fields());
    const response = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': contentType },
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe('a body that is neither JSON nor a form', () => {
  it.each([
    ['/api/v1/reports', () => citizen.auth],
    ['/api/v1/auth/password', () => ({})],
    ['/notes', () => operator.auth],
  ] as const)('is a 415 with the usual error body on %s, nothing written', async (path, auth) => {
    const before = await counts();
    const url = path === '/notes' ? `/api/v1/cases/${caseId}/notes` : path;
    const response = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...auth(), 'content-type': 'text/plain' },
      payload: '{"description":"Ổ gà","lat":16.4698,"lon":107.5786,"message":"x"}',
    });
    expect(response.statusCode, response.body).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
    expect(await counts()).toEqual(before);
  });
});
