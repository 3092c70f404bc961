import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { OperatorError } from '../errors.js';
import type { Database, PreparedStatement, Queryable, QueryResult } from './database.js';
import { assertChannelName, INT8_OID, NUMERIC_OID, textOf } from './database.js';

/**
 * Embedded PostgreSQL: one in-process connection, files under dataDir (or memory when
 * undefined). Two processes on one data directory would corrupt it, so a lock file with the
 * owner's pid keeps a second one (say, the CLI while the server runs) out with a clear message.
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => {};
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir, {
      parsers: { [INT8_OID]: Number, [NUMERIC_OID]: Number },
      // trigram search over case texts; the server gets it from PostgreSQL's contrib
      extensions: { pg_trgm },
    });
  } catch (error) {
    releaseLock();
    throw error;
  }

  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<Row>(
      statement: string | PreparedStatement,
      params: readonly unknown[] = [],
    ): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(textOf(statement), params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(text: string) {
      await target.exec(text);
    },
  });

  return {
    kind: 'pglite',
    ...wrap(pg),
    // PGlite serialises transactions with its own mutex, so other callers wait rather than interleave.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    // One in-process connection that is never lost: nothing to resume.
    async listen(channel, onPayload) {
      assertChannelName(channel);
      // PGlite keeps listeners by function: each subscription gets its own, so that one
      // unlisten never removes another subscriber of the same channel.
      const unlisten = await pg.listen(channel, (payload) => onPayload(payload));
      let listening = true;
      return async () => {
        if (!listening || pg.closed) return;
        listening = false;
        await unlisten();
      };
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    async close() {
      await pg.close();
      releaseLock();
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, '..', `${dataDir.split('/').pop()}.lock`);
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lockFile, 'utf8'));
    if (owner !== process.pid && isAlive(owner)) {
      throw new OperatorError(
        `The embedded database in ${dataDir} is in use by process ${owner} (a running server?): ` +
          'stop it first, ask the running server instead (a token: see the curl in its start banner), ' +
          'or point both at a PostgreSQL server with DATABASE_URL',
      );
    }
    writeFileSync(lockFile, String(process.pid)); // the owner died: the lock is stale
  }
  return () => rmSync(lockFile, { force: true });
}
