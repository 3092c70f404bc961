// Builds a real app on a real, private database for one test file: embedded PostgreSQL in
// memory by default, or a fresh database on the server named by TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { type CaseSettings, loadCaseSettings } from '../src/modules/cases/settings.js';
import { importCityPack } from '../src/modules/packs/import.js';
import { createClassifier, loadTriageModel, type TriageClassifier } from '../src/modules/triage/service.js';
import { loadConfig } from '../src/platform/config.js';
import type { Database } from '../src/platform/db/index.js';
import { migrate } from '../src/platform/db/migrate.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import type { App } from '../src/platform/http/types.js';
import type { SmsMessage, SmsSender } from '../src/platform/sms.js';

export const HUE_PACK_DIR = fileURLToPath(new URL('../packs/hue/', import.meta.url));

export interface TestDatabase {
  db: Database;
  /** A URL for a second connection (real server only). */
  url: string | undefined;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await openPglite(undefined);
    return { db, url: undefined, close: () => db.close() };
  }
  const name = `citypulse_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 10);
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Remembers what would have been texted, so tests can read one-time codes. */
export class CapturingSms implements SmsSender {
  readonly sent: SmsMessage[] = [];
  async send(message: SmsMessage) {
    this.sent.push(message);
  }
  lastCodeFor(phone: string): string {
    const message = [...this.sent].reverse().find((m) => m.to === phone);
    const code = message?.text.match(/\b(\d{6})\b/)?.[1];
    if (!code) throw new Error(`no code was sent to ${phone}`);
    return code;
  }
}

export interface TestApp extends TestDatabase {
  app: App;
  sms: CapturingSms;
  /** A temporary DATA_DIR (media files), removed on close. */
  dataDir: string;
  caseSettings: CaseSettings;
}

let classifier: Promise<TriageClassifier> | undefined;

/** The built-in model, loaded once per test process. */
export function testClassifier(): Promise<TriageClassifier> {
  classifier ??= loadTriageModel().then((builtIn) => createClassifier({ builtIn, timeoutMs: 1000 }));
  return classifier;
}

export interface TestAppOptions {
  pack?: boolean;
  env?: Record<string, string>;
  logStream?: NodeJS.WritableStream;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  await migrate(database.db);
  if (options.pack !== false) await importCityPack(database.db, HUE_PACK_DIR);
  const dataDir = mkdtempSync(join(tmpdir(), 'citypulse-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...options.env });
  const sms = new CapturingSms();
  const caseSettings = await loadCaseSettings(database.db);
  const app = await buildApp({
    config,
    db: database.db,
    sms,
    logStream: options.logStream,
    caseSettings,
    triage: await testClassifier(),
  });
  await app.ready();
  return {
    ...database,
    app,
    sms,
    dataDir,
    caseSettings,
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
