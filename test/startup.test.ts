// `npm start` and `npm run cli` as a newcomer runs them: real processes, a real port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from './harness.js';
import { freshServerPlace, runEntry, type ServerPlace, startServer } from './processes.js';

let place: ServerPlace;
let env: Record<string, string>;

beforeAll(async () => {
  place = await freshServerPlace('start');
  env = place.env;
});
afterAll(() => place.close());

async function getJson(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  // biome-ignore lint/suspicious/noExplicitAny: the tests below assert on the JSON's shape
  const body: any = await response.json();
  return { status: response.status, body };
}

describe('npm start on a fresh machine', () => {
  it('serves health, the OpenAPI document and the Hue demo city, and says how to sign in', async () => {
    const server = await startServer(env);
    try {
      expect((await getJson(`${server.baseUrl}/health`)).body).toEqual({ status: 'ok' });
      expect((await getJson(`${server.baseUrl}/api/openapi.json`)).body.info.title).toBe('CityPulse API');

      const citadel = await getJson(`${server.baseUrl}/api/v1/areas/lookup?lat=16.4698&lon=107.5786`);
      expect(citadel.status).toBe(200);
      expect(JSON.stringify(citadel.body)).toContain('Phường Phú Xuân');
      const beach = await getJson(`${server.baseUrl}/api/v1/areas/lookup?lat=16.5626&lon=107.6440`);
      expect(JSON.stringify(beach.body)).toContain('Phường Thuận An');

      const signIn = await getJson(`${server.baseUrl}/api/v1/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'ward-19753@citypulse.example',
          password: 'citypulse-demo',
          session_type: 'bearer',
        }),
      });
      expect(signIn.body.user).toMatchObject({ role: 'agency_admin', agency: { code: 'ward-19753' } });
      expect(server.output()).toContain('admin@citypulse.example');
      expect(server.output()).toContain('citypulse-demo');

      // a citizen's code goes to the log, with the number masked
      await fetch(`${server.baseUrl}/api/v1/auth/code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '0900000001' }),
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.output()).toMatch(/Your sign-in code is \d{6}/);
      const logLines = server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      // the number as a number, not digits inside a logged float such as a response time
      expect(logLines.join('\n')).not.toMatch(/(?<![\d.])(\+84|0)?900000001(?!\d)/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('keeps its data across a restart and does not import the pack twice', async () => {
    const server = await startServer(env);
    try {
      const areas = await getJson(`${server.baseUrl}/api/v1/areas`);
      expect(areas.body.items).toHaveLength(41);
      expect(server.output()).not.toContain('city pack imported');
      // DEMO_DATA=off (as every test server but the demo's below): the city starts empty
      expect((await getJson(`${server.baseUrl}/api/v1/public/reports`)).body.features).toEqual([]);
      if (env.DATABASE_URL === undefined) {
        // the embedded database belongs to the running server: the CLI says so instead of corrupting it
        const cli = await runEntry('src/cli.ts', ['token', '--user', 'ioc@citypulse.example'], env);
        expect(cli.code).toBe(1);
        expect(cli.stderr).toMatch(/in use by process/);
      }
    } finally {
      await server.stop();
    }
  });

  it('prints a bearer token for a demo user from the CLI, which the server then accepts', async () => {
    const cli = await runEntry('src/cli.ts', ['token', '--user', '0900000002'], env);
    expect(cli.code).toBe(0);
    const token = cli.stdout.trim();
    expect(token).toMatch(/^cps_[A-Za-z0-9_-]{40,}$/);
    const unknown = await runEntry('src/cli.ts', ['token', '--user', 'nobody@citypulse.example'], env);
    expect(unknown.code).toBe(1);

    const server = await startServer(env);
    try {
      const me = await getJson(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.body).toMatchObject({ role: 'citizen', phone: '+84900000002' });
    } finally {
      await server.stop();
    }
  });

  it('refuses to start with an invalid variable, naming it', async () => {
    const result = await runEntry('src/main.ts', [], { ...env, PORT: 'eighty', LOG_LEVEL: 'silent' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT must be a whole number');
  });
});

/** Waits until the server's log says the demo data is written. */
async function demoWritten(server: { output: () => string }, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (!/demo data written in/.test(server.output())) {
    if (Date.now() > until) throw new Error(`no demo data:\n${server.output()}`);
    if (/demo data could not be written/.test(server.output())) throw new Error(server.output());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('npm start with demo data (the default)', () => {
  it('answers at once, writes the demo history in the background, and finds it on the next start', async () => {
    const demo = await freshServerPlace('demo');
    const demoEnv = { ...demo.env, DEMO_DATA: 'on' };
    try {
      const server = await startServer(demoEnv);
      try {
        expect((await getJson(`${server.baseUrl}/health`)).body).toEqual({ status: 'ok' });
        // usable while the history is written: a request that reads the database is answered meanwhile
        expect((await getJson(`${server.baseUrl}/api/v1/public/reports?limit=5`)).status).toBe(200);
        expect(server.output()).not.toMatch(/demo data written in/);
        await demoWritten(server);
        expect(server.output()).toMatch(/demo data \(cases\): 3000 of 3000 cases written/);
        const page = await getJson(`${server.baseUrl}/api/v1/public/reports?limit=500`);
        expect(page.body.features).toHaveLength(500);
        expect(page.body.next).toBeTruthy();
      } finally {
        expect(await server.stop()).toBe(0);
      }
      const again = await startServer(demoEnv);
      try {
        const summary = await getJson(`${again.baseUrl}/api/v1/public/dashboard/summary`);
        expect(summary.body.measures.received).toBeGreaterThan(0);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(again.output()).not.toContain('demo data (cases)');
      } finally {
        await again.stop();
      }
    } finally {
      await demo.close();
    }
  }, 240_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('two servers starting at once on one PostgreSQL database', () => {
  it('both come up, the migrations are applied once and the demo history written once', async () => {
    const fresh = await openTestDatabase();
    try {
      const shared = { DATA_DIR: place.dataDir, DATABASE_URL: fresh.url as string, DEMO_DATA: 'on' };
      const [a, b] = await Promise.all([startServer(shared), startServer(shared)]);
      try {
        // the demo history is written once: one server writes it, the other waits and finds it
        await Promise.race([demoWritten(a), demoWritten(b)]);
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const cases = await fresh.db.query<{ n: number; markers: number }>(
          'SELECT (SELECT count(*)::int FROM cases) AS n, (SELECT count(*)::int FROM demo_data) AS markers',
        );
        expect(cases.rows[0]).toEqual({ n: 3000, markers: 1 });
        expect((await getJson(`${a.baseUrl}/ready`)).body.status).toBe('ready');
        expect((await getJson(`${b.baseUrl}/ready`)).body.status).toBe('ready');
        const { rows } = await fresh.db.query<{ n: number; d: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT version)::int AS d FROM schema_migrations',
        );
        expect(rows[0]?.n).toBe(rows[0]?.d);
        const areas = await fresh.db.query<{ n: number }>('SELECT count(*)::int AS n FROM areas');
        expect(areas.rows[0]?.n).toBe(41);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    } finally {
      await fresh.close();
    }
  }, 240_000);
});
