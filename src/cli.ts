// `npm run cli -- <command>`: the operators' tool.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { normalizePhone } from './modules/accounts/phone.js';
import { createSession } from './modules/accounts/sessions.js';
import { findUserIdByLogin } from './modules/accounts/users.js';
import { APIKEY_USAGE, apiKeyCreateCommand } from './modules/api-clients/cli.js';
import { packImportCommand } from './modules/packs/cli.js';
import { seedSyntheticCommand } from './modules/synthetic/cli.js';
import { TRIAGE_USAGE, triageEvalCommand, triageTrainCommand } from './modules/triage/cli.js';
import { writeCorrectionsJsonl } from './modules/triage/corrections.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/index.js';
import { migrate } from './platform/db/migrate.js';
import { OperatorError } from './platform/errors.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                       apply pending database migrations
  pack:import <dir>             validate a city pack and import it (areas, agencies, categories)
  token --user <email|phone>    print a bearer token for an existing user (valid 30 days); on the
                                embedded database only while no server runs (a running server
                                gives tokens itself: see the curl in its start banner)
  seed:synthetic --cases N [--years 2] [--seed S]
                                generate N cases over the last years (benchmarks, demos)

Errors are one line; --verbose anywhere adds the stack trace.
`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();

  switch (command) {
    case 'migrate': {
      const db = await openDatabase(config);
      try {
        const applied = await migrate(db);
        process.stdout.write(applied.length ? `applied migrations ${applied.join(', ')}\n` : 'nothing to migrate\n');
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'pack:import': {
      const dir = rest[0];
      if (!dir) {
        process.stderr.write('pack:import needs the pack directory\n');
        return 2;
      }
      const db = await openDatabase(config);
      try {
        await migrate(db);
        return (await packImportCommand(db, dir, (line) => process.stdout.write(`${line}\n`))) ? 0 : 1;
      } finally {
        await db.close();
      }
    }
    case 'token': {
      const { values } = parseArgs({ args: rest, options: { user: { type: 'string' } } });
      if (!values.user) {
        process.stderr.write('token needs --user <email|phone>\n');
        return 2;
      }
      // Creates nothing but the token: the user must exist (npm start creates the demo users).
      const db = await openDatabase(config);
      try {
        await migrate(db);
        const login = values.user.includes('@') ? values.user : safePhone(values.user);
        const userId = await findUserIdByLogin(db, login);
        if (!userId) {
          process.stderr.write(`No user ${values.user}\n`);
          return 1;
        }
        const session = await createSession(db, {
          userId,
          kind: 'bearer',
          label: 'cli',
          ttlDays: 30,
          ip: null,
          userAgent: 'citypulse-cli',
        });
        process.stdout.write(`${session.token}\n`);
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'triage:train': {
      const out = (line: string) => process.stdout.write(`${line}\n`);
      if (rest.includes('--no-corrections'))
        return triageTrainCommand(
          rest.filter((a) => a !== '--no-corrections'),
          out,
        );
      // staff corrections in the database are training data too
      const db = await openDatabase(config);
      const file = join(tmpdir(), `citypulse-corrections-${process.pid}.jsonl`);
      try {
        await migrate(db);
        const count = await writeCorrectionsJsonl(db, file);
        out(`${count} staff corrections from the database`);
        return await triageTrainCommand(count > 0 ? [...rest, '--extra', file] : rest, out);
      } finally {
        await db.close();
        rmSync(file, { force: true });
      }
    }
    case 'apikey:create': {
      const db = await openDatabase(config);
      try {
        await migrate(db);
        return await apiKeyCreateCommand(db, rest, (line) => process.stdout.write(`${line}\n`));
      } finally {
        await db.close();
      }
    }
    case 'seed:synthetic':
      return seedSyntheticCommand(config, rest, (line) => process.stdout.write(`${line}\n`));
    case 'triage:eval':
      return triageEvalCommand(rest, (line) => process.stdout.write(`${line}\n`));
    default:
      process.stderr.write(`${USAGE}${TRIAGE_USAGE}${APIKEY_USAGE}\n`);
      return command ? 2 : 0;
  }
}

function safePhone(raw: string): string {
  try {
    return normalizePhone(raw);
  } catch {
    return raw;
  }
}

/**
 * What an operator reads when a command fails: one line saying what is wrong. The stack trace
 * helps only whoever debugs the code, so it waits for --verbose.
 */
function oneLine(command: string | undefined, error: unknown): string {
  if (error instanceof ConfigError) return `Invalid configuration: ${error.problems.join('; ')}`;
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
  const line = command ? `${command}: ${message}` : message;
  // an operator's problem is fully said; anything else may be a bug worth the details
  return error instanceof OperatorError ? line : `${line} (--verbose for the details)`;
}

const VERBOSE = '--verbose';
const argv = process.argv.slice(2);
run(argv.filter((arg) => arg !== VERBOSE)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const verbose = argv.includes(VERBOSE) && error instanceof Error && !(error instanceof ConfigError);
    process.stderr.write(`${verbose ? error.stack : oneLine(argv[0], error)}\n`);
    // a command line the parser refused is a usage error, like the ones the commands return
    const usage = error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS');
    process.exit(usage ? 2 : 1);
  },
);
