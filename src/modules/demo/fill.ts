// Runs the demo writers on the first start of a demo pack. A server claims each writer by
// inserting its marker row under an advisory lock, so that of two servers starting at once
// only one writes; every later start finds the row and writes nothing. The writer then writes
// in batches of short transactions: on the embedded database (one connection, on the
// server's own thread) requests are answered between them while the history fills in.
import type { Logger } from 'pino';
import type { Database } from '../../platform/db/index.js';
import { isDemoPackLoaded } from '../accounts/demo-users.js';
import type { CaseSettings } from '../cases/settings.js';
import type { MediaStorage } from '../media/storage/index.js';
import { type DemoOptions, type DemoWriter, demoWriters } from './writers.js';

const DEMO_LOCK_KEY = 7_021_022; // any constant unique to CityPulse's demo data

export interface DemoFillResult {
  /** Writer name to what it wrote (or why it skipped); writers claimed before are left out. */
  written: Record<string, Record<string, unknown>>;
  seconds: number;
}

/** Claims a writer for this server; false when another start claimed it before. */
async function claim(db: Database, writer: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK_KEY]);
    const { rowCount } = await tx.query('INSERT INTO demo_data (writer) VALUES ($1) ON CONFLICT (writer) DO NOTHING', [
      writer,
    ]);
    return rowCount === 1;
  });
}

export async function fillDemoData(
  db: Database,
  context: { storage: MediaStorage; settings: CaseSettings; log: Logger; now?: Date },
  options: DemoOptions & { writers?: DemoWriter[] } = {},
): Promise<DemoFillResult> {
  const started = performance.now();
  const written: DemoFillResult['written'] = {};
  for (const writer of options.writers ?? demoWriters(options)) {
    if (!(await claim(db, writer.name))) continue;
    const say = (line: string) => context.log.info(`demo data (${writer.name}): ${line}`);
    let summary: Record<string, unknown>;
    try {
      summary = await writer.write({
        db,
        storage: context.storage,
        settings: context.settings,
        now: context.now ?? new Date(),
        say,
        log: context.log,
      });
    } catch (error) {
      // the next start tries again (a writer leaves alone a database its data is already in)
      await db.query('DELETE FROM demo_data WHERE writer = $1', [writer.name]);
      throw error;
    }
    await db.query(
      `UPDATE demo_data SET state = 'written', summary = $2, written_at = now(), updated_at = now() WHERE writer = $1`,
      [writer.name, JSON.stringify(summary)],
    );
    written[writer.name] = summary;
    context.log.info({ demo: writer.name, ...summary }, `demo data (${writer.name}) written`);
  }
  return { written, seconds: (performance.now() - started) / 1000 };
}

/** Whether this start should write demo data: a demo pack, outside production, DEMO_DATA not off. */
export async function wantsDemoData(db: Database, config: { demoData: boolean }): Promise<boolean> {
  return config.demoData && (await isDemoPackLoaded(db));
}
