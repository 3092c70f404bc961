// LISTEN/NOTIFY through the Database interface, on the embedded database and on a server:
// what is announced is what was committed, and a lost listening connection comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/harness.js';
import type { Database } from './database.js';
import { openPostgres } from './postgres.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

/** Collects payloads; count(n) resolves once n have arrived (the test's timeout guards the wait). */
function inbox() {
  const received: string[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  return {
    received,
    handler(payload: string) {
      received.push(payload);
      for (const w of waiting.filter((w) => received.length >= w.n)) w.resolve();
    },
    async count(n: number): Promise<string[]> {
      if (received.length < n) await new Promise<void>((resolve) => waiting.push({ n, resolve }));
      return received;
    },
  };
}

const notify = (db: Database, channel: string, payload: string) =>
  db.query('SELECT pg_notify($1, $2)', [channel, payload]);

describe('listen', () => {
  it('delivers what a transaction announced once it commits, and nothing of one rolled back', async () => {
    const messages = inbox();
    const unlisten = await t.db.listen('test_commits', messages.handler);
    try {
      await t.db
        .transaction(async (tx) => {
          await tx.query('SELECT pg_notify($1, $2)', ['test_commits', 'rolled back']);
          throw new Error('roll back');
        })
        .catch(() => {});
      await t.db.transaction(async (tx) => {
        await tx.query('SELECT pg_notify($1, $2)', ['test_commits', 'committed']);
      });
      // notifications arrive in commit order: had the rolled-back one been sent, it would be first
      expect(await messages.count(1)).toEqual(['committed']);
    } finally {
      await unlisten();
    }
  });

  it('stops one subscriber on unlisten while another on the same channel keeps receiving', async () => {
    const first = inbox();
    const second = inbox();
    const stopFirst = await t.db.listen('test_shared', first.handler);
    const stopSecond = await t.db.listen('test_shared', second.handler);
    await notify(t.db, 'test_shared', 'one');
    expect(await first.count(1)).toEqual(['one']);
    expect(await second.count(1)).toEqual(['one']);
    await stopFirst();
    await stopFirst(); // twice is harmless
    await notify(t.db, 'test_other', 'elsewhere');
    await notify(t.db, 'test_shared', 'two');
    expect(await second.count(2)).toEqual(['one', 'two']);
    // arrived in order: had the first subscriber still been called, it would have by now
    expect(first.received).toEqual(['one']);
    await stopSecond();
  });

  it('refuses a channel name that is not a plain identifier', async () => {
    await expect(t.db.listen('case_changes; DROP TABLE x', () => {})).rejects.toThrow(/Not a channel name/);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('listen on a PostgreSQL server', () => {
  it('hears another process, and listens again after its connection is lost', async () => {
    const other = await openPostgres(t.url as string, 2);
    const messages = inbox();
    let resumed!: () => void;
    const resumedOnce = new Promise<void>((resolve) => {
      resumed = resolve;
    });
    const unlisten = await t.db.listen('test_failover', messages.handler, { onResumed: () => resumed() });
    try {
      await notify(other, 'test_failover', 'before');
      expect(await messages.count(1)).toEqual(['before']);

      // the administrator (or a server restart) ends the listening connection
      const killed = await other.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND query = 'LISTEN test_failover'`,
      );
      expect(killed.rows[0]?.n).toBe(1);
      await resumedOnce;
      await notify(other, 'test_failover', 'after');
      expect(await messages.count(2)).toEqual(['before', 'after']);
    } finally {
      await unlisten();
      await other.close();
    }
  });
});
