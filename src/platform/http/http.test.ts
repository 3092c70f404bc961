import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString().split('\n').filter(Boolean)));
  t = await createTestApp({ env: { LOG_LEVEL: 'info' }, logStream });
});
afterAll(() => t.close());

describe('platform endpoints', () => {
  it('GET /health answers while the process is up', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready checks the database', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(response.json()).toEqual({ status: 'ready' });
  });

  it('GET /metrics counts requests by route pattern and shows the database pool', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/categories/waste' });
    await t.app.inject({ method: 'GET', url: '/api/v1/categories/pollution' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/categories\/:code",status_code="200"\} 2/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/categories\/:code"/,
    );
    expect(text).toMatch(/db_pool_connections\{state="total"\} \d+/);
  });

  it('serves an OpenAPI 3 document generated from the route schemas, and its browsable form', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health', '/api/v1/areas/lookup', '/api/v1/auth/code', '/api/v1/users/{id}']),
    );
    const lookup = doc.paths['/api/v1/areas/lookup'].get;
    expect(lookup.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['lat', 'lon']);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: 'No route GET /api/v1/nothing-here' } });
  });

  it('answers malformed JSON, unknown fields and wrong types with a 400 that says what is wrong', async () => {
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/code',
      headers: { 'content-type': 'application/json' },
      payload: '{"phone": ',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('invalid_json');

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/code',
      payload: { phone: '0905123456', admin: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'validation_failed', details: [{ path: 'body.admin' }] });

    const wrongType = await t.app.inject({ method: 'GET', url: '/api/v1/areas/lookup?lat=north&lon=107.5' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details[0].path).toBe('querystring.lat');
  });

  it('answers a wrong content type with a 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/code',
      headers: { 'content-type': 'application/x-yaml' },
      payload: 'phone: 0905123456',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('gives every answer a request id, and keeps a caller-given one', async () => {
    const fresh = await t.app.inject({ method: 'GET', url: '/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers['x-request-id']).toBe('trace-42');
    expect(logLines.some((line) => JSON.parse(line).reqId === 'trace-42')).toBe(true);
  });

  it('keeps secrets and phone numbers out of the logs', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/code', payload: { phone: '0913579246' } });
    const code = t.sms.lastCodeFor('+84913579246');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/code/verify',
      headers: { authorization: 'Bearer cps_supersecrettoken', cookie: 'citypulse_session=cps_cookiesecret' },
      payload: { phone: '0913579246', code },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { email: 'x@y.example', password: 'hunter2hunter2' },
    });
    const logs = logLines.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of ['913579246', 'cps_supersecrettoken', 'cps_cookiesecret', 'hunter2hunter2', code]) {
      expect(logs).not.toContain(secret);
    }
  });
});
