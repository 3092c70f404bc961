// Runs the demo writers on the first start of a demo pack. Each writer works in one
// transaction holding an advisory lock, and leaves a marker row in the same transaction: all
// of its data or none, written once even when two servers start at once (the second waits,
// then finds the marker), and found by every later start, which writes nothing.
import type { Logger } from 'pino';
import type { Database, Queryable } from '../../platform/db/index.js';
import { isDemoPackLoaded } from '../accounts/demo-users.js';
import type { CaseSettings } from '../cases/settings.js';
import type { MediaStorage } from '../media/storage/index.js';
import { type DemoOptions, type DemoWriter, demoWriters } from './writers.js';

const DEMO_LOCK_KEY = 7_021_022; // any constant unique to CityPulse's demo data

export interface DemoFillResult {
  /** Writer name to what it wrote (or why it skipped); writers already done are left out. */
  written: Record<string, Record<string, unknown>>;
  seconds: number;
}

/**
 * The database as a writer sees it: every statement, and every transaction it opens, inside
 * the writer's one transaction (nested transactions simply join it).
 */
function insideTransaction(db: Database, tx: Queryable): Database {
  return {
    kind: db.kind,
    query: (statement, params) => tx.query(statement, params),
    exec: (text) => tx.exec(text),
    transaction: (fn) => fn(tx),
    listen: () => Promise.reject(new Error('a demo writer does not listen')),
    poolStats: () => db.poolStats(),
    close: () => Promise.reject(new Error('a demo writer does not close the database')),
  };
}

async function doneWriters(db: Queryable): Promise<Set<string>> {
  const { rows } = await db.query<{ writer: string }>('SELECT writer FROM demo_data');
  return new Set(rows.map((row) => row.writer));
}

export async function fillDemoData(
  db: Database,
  context: { storage: MediaStorage; settings: CaseSettings; log: Logger; now?: Date },
  options: DemoOptions & { writers?: DemoWriter[] } = {},
): Promise<DemoFillResult> {
  const started = performance.now();
  const written: DemoFillResult['written'] = {};
  const writers = options.writers ?? demoWriters(options);
  const done = await doneWriters(db);
  for (const writer of writers) {
    if (done.has(writer.name)) continue;
    const say = (line: string) => context.log.info(`demo data (${writer.name}): ${line}`);
    const outside = { db, storage: context.storage, settings: context.settings, say, log: context.log };
    await writer.prepare?.(outside);
    const summary = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK_KEY]);
      if ((await doneWriters(tx)).has(writer.name)) return null; // another server wrote it meanwhile
      const result = await writer.write({
        db: insideTransaction(db, tx),
        storage: context.storage,
        settings: context.settings,
        now: context.now ?? new Date(),
        say,
        log: context.log,
      });
      await tx.query('INSERT INTO demo_data (writer, summary) VALUES ($1, $2)', [writer.name, JSON.stringify(result)]);
      return result;
    });
    if (!summary) await writer.abandon?.(outside);
    if (summary) {
      written[writer.name] = summary;
      context.log.info({ demo: writer.name, ...summary }, `demo data (${writer.name}) written`);
    }
  }
  // fresh statistics for the planner after thousands of rows (not possible inside the transaction)
  if (Object.keys(written).length > 0) await db.exec('ANALYZE');
  return { written, seconds: (performance.now() - started) / 1000 };
}

/** Whether this start should write demo data: a demo pack, outside production, DEMO_DATA not off. */
export async function wantsDemoData(db: Database, config: { demoData: boolean }): Promise<boolean> {
  return config.demoData && (await isDemoPackLoaded(db));
}
