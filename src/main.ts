// `npm start`: the whole platform on http://localhost:3000.
import pino from 'pino';
import { buildApp } from './app.js';
import { prepareDatabase } from './bootstrap.js';
import { DEMO_CITIZENS, DEMO_PASSWORD, DEMO_STAFF, isDemoPackLoaded } from './modules/accounts/demo-users.js';
import { loadCaseSettings } from './modules/cases/settings.js';
import { caseTimers } from './modules/cases/sla-jobs.js';
import { uploadSweepTasks } from './modules/cases/upload-sweep.js';
import { dashboardTasks } from './modules/dashboard/rollup.js';
import { fillDemoData, wantsDemoData } from './modules/demo/fill.js';
import { sweepSpool } from './modules/media/spool.js';
import { createStorage } from './modules/media/storage/index.js';
import { createTriageClassifier } from './modules/triage/setup.js';
import { webhookTasks } from './modules/webhooks/sender.js';
import { type Config, ConfigError, loadConfig } from './platform/config.js';
import { OperatorError } from './platform/errors.js';
import { startScheduler } from './platform/jobs/periodic.js';
import { loggerOptions } from './platform/logging.js';
import { outboundPolicy } from './platform/net/outbound-guard.js';
import { rateLimitTasks } from './platform/rate-limit.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * How a script gets a bearer token from this server. Not the CLI: on the embedded database it
 * cannot open the data while the server holds it.
 */
function bearerTokenHelp(port: number): string[] {
  const base = `http://localhost:${port}/api/v1`;
  const [citizen] = DEMO_CITIZENS;
  const operator = DEMO_STAFF.find((user) => user.role === 'operator') ?? DEMO_STAFF[0];
  const json = "-H 'content-type: application/json'";
  return [
    'A bearer token for scripts (the "token" of the answer), for staff:',
    `    curl -s -X POST ${base}/auth/password ${json} \\`,
    `      -d '{"email":"${operator?.email}","password":"${DEMO_PASSWORD}","session_type":"bearer"}'`,
    'and for a citizen: ask for a code, read it in this log, then exchange it:',
    `    curl -s -X POST ${base}/auth/code ${json} -d '{"phone":"${citizen?.localPhone}"}'`,
    `    curl -s -X POST ${base}/auth/code/verify ${json} \\`,
    `      -d '{"phone":"${citizen?.localPhone}","code":"CODE","session_type":"bearer"}'`,
  ];
}

function signInHelp(port: number): string {
  const staff = DEMO_STAFF.map(
    (user) => `    ${user.email.padEnd(32)} ${user.role}${user.agency ? ` (${user.agency})` : ''}`,
  );
  return [
    '',
    `CityPulse is running on http://localhost:${port}  (API docs: http://localhost:${port}/api/docs)`,
    '',
    `Demo staff sign in with their email and the password "${DEMO_PASSWORD}" (POST /api/v1/auth/password):`,
    ...staff,
    `Demo citizens ${DEMO_CITIZENS.map((c) => c.localPhone).join(' and ')} sign in with a one-time code`,
    '    (POST /api/v1/auth/code, then /api/v1/auth/code/verify): locally the code is written to this log',
    '    as "SMS (development sender: not really sent)".',
    ...bearerTokenHelp(port),
    '',
  ].join('\n');
}

async function main() {
  const config = readConfig();
  const log = pino(loggerOptions(config.logLevel));
  const db = await prepareDatabase(config, log);
  const caseSettings = await loadCaseSettings(db);
  const storage = createStorage(config);
  // uploads cut off by a crash leave half-written spool files: remove the old ones
  await sweepSpool(storage.spoolDir);
  const triage = await createTriageClassifier(config, db, log);
  const app = await buildApp({ config, db, caseSettings, storage, triage });
  if (config.trustProxy === true) {
    app.log.warn(
      'TRUST_PROXY=true believes every X-Forwarded-For hop: any client can forge its address. Set the hop count or the proxies addresses',
    );
  }
  const outbound = outboundPolicy(config.outboundAllowPrivate);
  const scheduler = startScheduler(
    [
      ...caseTimers(db, caseSettings),
      ...webhookTasks(db, outbound),
      ...dashboardTasks(db, caseSettings.timeZone),
      ...uploadSweepTasks(db, storage),
      ...rateLimitTasks(db),
    ],
    app.log,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await scheduler.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (config.nodeEnv !== 'production' && (await isDemoPackLoaded(db))) {
    const address = app.server.address();
    process.stdout.write(signInHelp(typeof address === 'object' && address ? address.port : config.port));
  }
  if (await wantsDemoData(db, config)) {
    // in the background: the server answers while the demo city's history is written
    fillDemoData(db, { storage, settings: caseSettings, log })
      .then(({ written, seconds }) => {
        if (Object.keys(written).length > 0) app.log.info(`demo data written in ${seconds.toFixed(1)} s`);
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'demo data could not be written'));
  }
}

main().catch((error: unknown) => {
  // an operator's problem (a changed migration, a database in use) is one line; a bug keeps its stack
  const told = error instanceof OperatorError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`CityPulse failed to start: ${told}\n`);
  process.exit(1);
});
