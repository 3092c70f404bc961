// A database restart under load: every request cut off answers 503 with Retry-After (never
// a 500, logged as a warning), /ready says not ready until connections can be made again,
// reads are sent again on a fresh connection, and reports retried with their keys make one
// case each. PostgreSQL server only: the embedded database is in the process and has no
// connection to lose.
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

const SERVER = process.env.TEST_DATABASE_URL;
const REPORT = { description: 'Cây đổ chắn đường Lê Lợi', lat: 16.4698, lon: 107.5786 };

describe.skipIf(!SERVER)(
  'a PostgreSQL server that drops the connections (skipped on the embedded database: it has none to lose)',
  () => {
    let t: TestApp;
    let citizen: TestUser;
    let admin: pg.Client;
    let database: string;
    const logs: string[] = [];

    beforeAll(async () => {
      const logStream = new PassThrough();
      logStream.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
      // one citizen files every report of the load: the limits a city sets on citizens are off here
      t = await createTestApp({
        logStream,
        env: { LOG_LEVEL: 'warn', REPORTS_PER_ACCOUNT: '0', REPORTS_PER_IP: '0' },
      });
      citizen = await createUser(t.db, 'citizen');
      database = new URL(t.url as string).pathname.slice(1);
      admin = new pg.Client({ connectionString: SERVER });
      await admin.connect();
    });
    afterAll(async () => {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      await admin.end();
      await t.close();
    });

    /** What a restart does to the app: every one of its server processes ends. */
    const terminateBackends = () =>
      admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
    const report = (key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { ...citizen.auth, 'idempotency-key': key },
        payload: { ...REPORT, description: `${REPORT.description} (${key})` },
      });
    const errorLogs = () =>
      logs.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((l) => l.level >= 50);

    it('answers 503 with Retry-After, never 500, to requests whose connection is cut; retried, each report is one case', async () => {
      const answers: { key: string; status: number; retryAfter: unknown; code: unknown }[] = [];
      let running = true;
      const client = async (n: number) => {
        for (let i = 0; running; i += 1) {
          const key = `restart-${n}-${i}-key`;
          const response = await report(key);
          answers.push({
            key,
            status: response.statusCode,
            retryAfter: response.headers['retry-after'],
            code: response.statusCode === 201 ? null : response.json().error?.code,
          });
        }
      };
      const clients = Array.from({ length: 8 }, (_, n) => client(n));
      // cut the connections again and again until some requests were caught in flight
      for (let round = 0; round < 60 && answers.filter((a) => a.status !== 201).length < 5; round += 1) {
        await sleep(20 + Math.random() * 80);
        await terminateBackends();
      }
      await sleep(100);
      running = false;
      await Promise.all(clients);

      const refused = answers.filter((a) => a.status !== 201);
      expect(refused.length).toBeGreaterThan(0); // else the test proved nothing
      for (const answer of refused) {
        expect(answer).toMatchObject({
          status: 503,
          code: 'database_unavailable',
          retryAfter: expect.stringMatching(/^\d+$/),
        });
      }
      // the client's side of it: each unanswered report sent again with its key
      for (const { key } of refused) expect((await report(key)).statusCode).toBe(201);
      const { rows } = await t.db.query<{ keys: number; cases: number }>(
        `SELECT count(DISTINCT idempotency_key)::int AS keys, count(*)::int AS cases FROM cases WHERE idempotency_key LIKE 'restart-%'`,
      );
      expect(rows[0]).toEqual({ keys: answers.length, cases: answers.length });
      expect(errorLogs()).toEqual([]);
    });

    it('sends a read again on a fresh connection when its pooled one was cut', async () => {
      for (let round = 0; round < 5; round += 1) {
        await t.app.inject({ method: 'GET', url: '/api/v1/categories' }); // the pool holds idle clients
        await terminateBackends();
        const response = await t.app.inject({ method: 'GET', url: '/api/v1/categories' });
        expect(response.statusCode, response.body).toBe(200);
      }
    });

    it('/ready is not ready while connections are refused and ready once they are made again', async () => {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await terminateBackends();
      const notReady = await t.app.inject({ method: 'GET', url: '/ready' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.headers['retry-after']).toMatch(/^\d+$/);
      const refused = await report('refused-while-down-1');
      expect(refused.statusCode, refused.body).toBe(503);
      expect(refused.json().error.code).toBe('database_unavailable');
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);

      const open311 = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
      expect(open311.statusCode).toBe(503);
      expect(open311.headers['retry-after']).toMatch(/^\d+$/);
      expect(open311.json()).toEqual([{ code: 503, description: expect.any(String) }]);

      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      const ready = await t.app.inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(200);
      expect((await report('refused-while-down-1')).statusCode).toBe(201);
      expect((await report('refused-while-down-1')).headers['idempotent-replayed']).toBe('true');
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM cases WHERE idempotency_key = 'refused-while-down-1'`,
      );
      expect(rows[0]?.n).toBe(1);
      // warnings, not errors
      expect(errorLogs()).toEqual([]);
      expect(logs.some((line) => line.includes('"level":40') && line.includes('database'))).toBe(true);
    });
  },
);
