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

describe.runIf(process.env.TEST_DATABASE_URL)('two servers starting at once on one PostgreSQL database', () => {
  it('both come up and the migrations are applied once', async () => {
    const fresh = await openTestDatabase();
    try {
      const shared = { DATA_DIR: place.dataDir, DATABASE_URL: fresh.url as string };
      const [a, b] = await Promise.all([startServer(shared), startServer(shared)]);
      try {
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
  });
});
