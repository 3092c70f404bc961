// The start banner and the CLI as a newcomer meets them: the banner's curl commands get tokens
// from the running server, and every CLI error is one line (the stack only with --verbose).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshServerPlace, runEntry, type ServerPlace, startServer } from './processes.js';

const sh = promisify(execFile);
let place: ServerPlace;
beforeAll(async () => {
  place = await freshServerPlace('cli');
});
afterAll(() => place.close());

const STACK_LINE = /^\s+at /m;

/** The banner's commands that start with curl, each joined from its continued lines. */
function curlCommands(banner: string): string[] {
  return banner
    .replaceAll('\\\n', ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('curl '));
}

describe('the start banner', () => {
  it('gives curl commands that get bearer tokens from the running server, and the CLI says in one line that it cannot', async () => {
    // a first start imports the city pack: slow on a busy 2-core machine
    const server = await startServer(place.env, 240_000);
    try {
      // the banner follows the "listening" line that startServer waits for
      for (let waited = 0; !server.output().includes('session_type') && waited < 20_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const banner = server.output();
      expect(banner).not.toContain('npm run cli -- token');
      const port = new URL(server.baseUrl).port;
      // the server listens on 127.0.0.1 here; the banner names it localhost, which may be ::1
      const [staff, askCode, verify] = curlCommands(banner).map((command) =>
        command.replaceAll(`localhost:${port}`, `127.0.0.1:${port}`),
      );
      expect(staff).toContain('/api/v1/auth/password');

      const staffToken = JSON.parse((await sh('sh', ['-c', staff as string])).stdout).token as string;
      const me = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${staffToken}` } });
      expect(await me.json()).toMatchObject({ role: 'operator' });

      await sh('sh', ['-c', askCode as string]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const code = /Your sign-in code is (\d{6})/.exec(server.output())?.[1] as string;
      const citizen = JSON.parse((await sh('sh', ['-c', (verify as string).replace('CODE', code)])).stdout);
      const mine = await fetch(`${server.baseUrl}/api/v1/me`, {
        headers: { authorization: `Bearer ${citizen.token}` },
      });
      expect(await mine.json()).toMatchObject({ role: 'citizen' });

      if (!place.env.DATABASE_URL) {
        // the embedded database belongs to the running server
        const cli = await runEntry('src/cli.ts', ['token', '--user', 'ioc@citypulse.example'], place.env);
        expect(cli.code).toBe(1);
        expect(cli.stderr.trim().split('\n')).toHaveLength(1);
        expect(cli.stderr).toMatch(
          /^token: The embedded database in .* is in use by process \d+ \(a running server\?\)/,
        );
        expect(cli.stderr).toContain('start banner');
        const verbose = await runEntry(
          'src/cli.ts',
          ['token', '--user', 'ioc@citypulse.example', '--verbose'],
          place.env,
        );
        expect(verbose.stderr).toMatch(STACK_LINE);
      }
    } finally {
      await server.stop();
    }
  }, 400_000);
});

describe('a CLI error', () => {
  it.each([
    [['token', '--usr', 'ioc@citypulse.example'], {}, 2, /^token: Unknown option '--usr'/],
    [['seed:synthetic', '--cases', '10', '--bogus'], {}, 2, /^seed:synthetic: Unknown option '--bogus'/],
    [['migrate'], { PORT: 'eighty' }, 1, /^Invalid configuration: PORT must be a whole number/],
    // a server that refuses the connection: the error is thrown, not answered by the command
    [
      ['migrate'],
      { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      1,
      /^migrate: connect ECONNREFUSED 127\.0\.0\.1:1/,
    ],
  ] as const)('is one line without a stack trace: %s', async (args, env, exitCode, message) => {
    const result = await runEntry('src/cli.ts', [...args], { ...place.env, ...env });
    expect(result.code).toBe(exitCode);
    expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('shows its stack trace with --verbose', async () => {
    const result = await runEntry('src/cli.ts', ['migrate', '--verbose'], {
      ...place.env,
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(STACK_LINE);
  });
});
