// The live feed of case changes (GET /cases/stream) through a real listening server: what
// staff hear, what agency staff do not, and, on PostgreSQL, a change made through one server
// instance heard through another.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp, testClassifier } from '../../../test/harness.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { openPostgres } from '../../platform/db/postgres.js';
import { registerAccessControl } from '../../platform/http/access.js';
import { ErrorBody } from '../../shared/errors.js';
import { principalLoader, resolvePrincipal } from '../accounts/sessions.js';
import { acceptsEventStream, liveCaseRoutes } from './routes/live.js';

let t: TestApp;
let baseUrl: string;
let citizen: TestUser;
let operator: TestUser;
let hepco: TestUser;
let doc: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  hepco = await createUser(t.db, 'agency_staff', { agencyCode: 'hepco' });
  doc = await createUser(t.db, 'agency_staff', { agencyCode: 'doc' });
});
afterAll(() => t.close());

interface StreamEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Opens the stream as a browser's EventSource would and reads its events one by one. */
async function openStream(url: string, user: TestUser) {
  const abort = new AbortController();
  const response = await fetch(`${url}/api/v1/cases/stream`, {
    headers: { ...user.auth, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queued: StreamEvent[] = [];
  return {
    /** The next event (comments and the retry line skipped); null once the server ended the stream. */
    async next(): Promise<StreamEvent | null> {
      while (queued.length === 0) {
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) queued.push({ event, data: JSON.parse(data) });
          end = buffer.indexOf('\n\n');
        }
      }
      return queued.shift() ?? null;
    },
    close: () => abort.abort(),
  };
}

async function report(url: string, description: string): Promise<{ id: string; code: string }> {
  const response = await fetch(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: { ...citizen.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ description, category: 'streetlight', lat: 16.4698, lon: 107.5786 }),
  });
  expect(response.status).toBe(201);
  return response.json() as Promise<{ id: string; code: string }>;
}

async function act(url: string, user: TestUser, caseId: string, action: string, body: unknown) {
  const response = await fetch(`${url}/api/v1/cases/${caseId}/${action}`, {
    method: 'POST',
    headers: { ...user.auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

describe('the live case feed', () => {
  it('streams a citizen report to operators, and to agency staff only their agency’s cases', async () => {
    const operatorStream = await openStream(baseUrl, operator);
    const hepcoStream = await openStream(baseUrl, hepco);
    const docStream = await openStream(baseUrl, doc);
    try {
      const lamp = await report(baseUrl, 'Đèn đường tắt cả tuần ở Phú Xuân');
      const submitted = await operatorStream.next();
      expect(submitted).toEqual({
        event: 'case',
        // ids, code and state only: nothing of the citizen or the text
        data: { case_id: lamp.id, code: lamp.code, type: 'submitted', state: 'submitted', version: 1 },
      });

      await act(baseUrl, operator, lamp.id, 'assign', { agency: 'hepco' });
      expect(await operatorStream.next()).toMatchObject({ data: { case_id: lamp.id, type: 'assigned' } });
      // the agency hears of the case when it becomes theirs, not before
      expect(await hepcoStream.next()).toMatchObject({
        event: 'case',
        data: { case_id: lamp.id, type: 'assigned', state: 'assigned' },
      });

      // sent back to the operations center: it leaves the agency's queue, and the agency hears it
      await act(baseUrl, hepco, lamp.id, 'transfer', { reason: 'Không thuộc phạm vi của chúng tôi' });
      expect(await hepcoStream.next()).toMatchObject({ data: { case_id: lamp.id, type: 'transferred' } });

      const bridge = await report(baseUrl, 'Cầu Trường Tiền tắt đèn');
      await act(baseUrl, operator, bridge.id, 'assign', { agency: 'doc' });
      // the first thing the other agency hears is its own case: none of hepco's changes came before
      expect(await docStream.next()).toMatchObject({ data: { case_id: bridge.id, type: 'assigned' } });
    } finally {
      operatorStream.close();
      hepcoStream.close();
      docStream.close();
    }
  });

  it('is for staff who ask for a stream of events', async () => {
    const streamUrl = `${baseUrl}/api/v1/cases/stream`;
    const asCitizen = await fetch(streamUrl, { headers: { ...citizen.auth, accept: 'text/event-stream' } });
    expect(asCitizen.status).toBe(403);
    const anonymous = await fetch(streamUrl, { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(401);
    const noAccept = await t.app.inject({ method: 'GET', url: '/api/v1/cases/stream', headers: operator.auth });
    expect([noAccept.statusCode, noAccept.json().error.code]).toEqual([406, 'not_acceptable']);
    expect(acceptsEventStream('text/event-stream')).toBe(true);
    expect(acceptsEventStream('*/*')).toBe(true);
    expect(acceptsEventStream('application/json')).toBe(false);
    expect(acceptsEventStream('text/event-stream;q=0, application/json')).toBe(false);
  });
});

describe('a stream over time', () => {
  it('sends a comment line between events for proxies, and ends after its maximum age', async () => {
    // the stream's route alone, with its timing shortened: seconds instead of minutes
    const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(ErrorBody);
    const principals = principalLoader(t.db);
    registerAccessControl(app, (request) => resolvePrincipal(principals, request));
    await app.register(liveCaseRoutes, {
      db: t.db,
      timing: { heartbeatMs: 50, maxStreamMs: 1000, sessionCheckMs: 1000 },
    });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const response = await fetch(`${url}/cases/stream`, {
        headers: { ...operator.auth, accept: 'text/event-stream' },
      });
      expect(response.status).toBe(200);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break; // the server ended it: the browser would now reconnect
        text += decoder.decode(value, { stream: true });
      }
      expect(text).toMatch(/^retry: \d+\n\n/);
      expect(text).toContain(': heartbeat\n\n');
    } finally {
      await app.close();
    }
  });
});

describe('a stream of a session that ends', () => {
  it('closes within seconds of signing out, and of the session being revoked elsewhere', async () => {
    for (const endSession of [
      (user: TestUser) => t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: user.auth }),
      (user: TestUser) => t.db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1', [user.id]),
    ]) {
      const watcher = await createUser(t.db, 'operator');
      const stream = await openStream(baseUrl, watcher);
      try {
        const started = Date.now();
        await endSession(watcher);
        expect(await stream.next()).toBeNull();
        // the default check runs every 5 s
        expect(Date.now() - started).toBeLessThan(8_000);
      } finally {
        stream.close();
      }
    }
  }, 20_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('several server instances on one PostgreSQL database', () => {
  it('streams through one instance a change made through another', async () => {
    const otherDb = await openPostgres(t.url as string, 4);
    const other = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', DATA_DIR: t.dataDir }),
      db: otherDb,
      sms: t.sms,
      caseSettings: t.caseSettings,
      triage: await testClassifier(),
    });
    try {
      const otherUrl = await other.listen({ port: 0, host: '127.0.0.1' });
      const stream = await openStream(baseUrl, operator);
      try {
        const made = await report(otherUrl, 'Ổ gà ở đường Lê Lợi');
        expect(await stream.next()).toMatchObject({ event: 'case', data: { case_id: made.id, type: 'submitted' } });
      } finally {
        stream.close();
      }
    } finally {
      await other.close();
      await otherDb.close();
    }
  });
});

// Last: it closes the app that the tests above share.
describe('closing the app', () => {
  it('ends the streams that are open, so that the server stops', async () => {
    const stream = await openStream(baseUrl, operator);
    await t.app.close();
    expect(await stream.next()).toBeNull();
  });
});
