import pg from 'pg';
import { AppError, databaseUnavailable } from '../errors.js';
import { isConnectionError, isPlainRead, wasNeverSent } from './connection-errors.js';
import type { Database, PreparedStatement, Queryable, QueryResult } from './database.js';
import { assertChannelName, INT8_OID, NUMERIC_OID, textOf } from './database.js';
import { createPgListener } from './pg-listener.js';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return Number;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

// A server that does not answer a connection attempt in this time is down for our purposes:
// the request gets a 503 rather than waiting with it.
const CONNECT_TIMEOUT_MS = 5_000;

type Target = pg.Pool | pg.PoolClient | pg.Client;

async function send(target: Target, statement: string | PreparedStatement, params: readonly unknown[]) {
  return typeof statement === 'string'
    ? target.query(statement, params as unknown[])
    : target.query({ name: statement.name, text: statement.text, values: params as unknown[] });
}

const resultOf = <Row>(result: pg.QueryResult): QueryResult<Row> => ({
  rows: result.rows as Row[],
  rowCount: result.rowCount ?? result.rows.length,
});

/** A lost or refused connection becomes the 503 the HTTP layer answers; other errors pass unchanged. */
function unavailableIfLost(error: unknown): unknown {
  return isConnectionError(error) && !(error instanceof AppError) ? databaseUnavailable(error) : error;
}

/**
 * A real PostgreSQL server through a connection pool. A connection lost or refused (a server
 * restart) is a 503 `database_unavailable`; a statement is sent once more, on a connection
 * made for it, when that cannot apply it twice: it never left (no connection, a client already
 * broken), or it only reads. A write whose connection dropped may have been applied, so it is
 * never sent again here: the client retries it, with its Idempotency-Key where it has one.
 */
export async function openPostgres(url: string, max: number): Promise<Database> {
  const config = { connectionString: url, types, connectionTimeoutMillis: CONNECT_TIMEOUT_MS };
  // no timeout on the pool itself: there it would also bound the wait for a busy pool's next
  // free client, and a busy pool is load, not an outage
  const pool = new pg.Pool({ connectionString: url, types, max });
  // An idle client's error (server restart) must not crash the process; the pool drops it.
  pool.on('error', () => {});
  // ... and neither may a checked-out client's: the statement it was running is rejected with it
  pool.on('connect', (client) => client.on('error', () => {}));

  /** A connection of its own for a second attempt: the pool's idle ones may be as dead as the first. */
  async function freshClient(): Promise<pg.Client> {
    const client = new pg.Client(config);
    client.on('error', () => {});
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      throw databaseUnavailable(error); // refused, whatever the reason: the request cannot reach it
    }
  }

  async function once<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = await freshClient();
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => {});
    }
  }

  async function query(statement: string | PreparedStatement, params: readonly unknown[]): Promise<pg.QueryResult> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch {
      // nothing was sent: no connection to send it on
      return once((fresh) => send(fresh, statement, params)).catch((again: unknown) => {
        throw unavailableIfLost(again);
      });
    }
    try {
      const result = await send(client, statement, params);
      client.release();
      return result;
    } catch (error) {
      const lost = isConnectionError(error);
      client.release(lost ? (error as Error) : undefined); // a broken client leaves the pool
      if (!lost) throw error;
      if (!wasNeverSent(error) && !isPlainRead(textOf(statement))) throw unavailableIfLost(error);
      return once((fresh) => send(fresh, statement, params)).catch((again: unknown) => {
        throw unavailableIfLost(again);
      });
    }
  }

  const wrap = (target: Target): Queryable => ({
    async query<Row>(statement: string | PreparedStatement, params: readonly unknown[] = []) {
      return resultOf<Row>(await send(target, statement, params));
    },
    async exec(text: string) {
      await target.query(text);
    },
  });

  /** BEGIN, fn, COMMIT on one client; a failure is rolled back. */
  async function inTransaction<T>(client: Target, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const result = await fn(wrap(client));
    await client.query('COMMIT');
    return result;
  }

  // Fail at boot, with the reason, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const listener = createPgListener({ connectionString: url, types });

  return {
    kind: 'postgres',
    async query<Row>(statement: string | PreparedStatement, params: readonly unknown[] = []) {
      return resultOf<Row>(await query(statement, params));
    },
    async exec(text: string) {
      // several statements, perhaps writes: sent once
      try {
        await pool.query(text);
      } catch (error) {
        throw unavailableIfLost(error);
      }
    },
    async transaction(fn) {
      let client: pg.PoolClient | undefined;
      try {
        client = await pool.connect();
        await client.query('BEGIN');
      } catch (error) {
        // lost before fn ran (a dead idle client, no connection): nothing was applied, so the
        // whole transaction may run again, once, on a connection made for it
        client?.release(error as Error);
        if (client && !isConnectionError(error)) throw error;
        return once(async (fresh) => {
          await fresh.query('BEGIN');
          try {
            return await inTransaction(fresh, fn);
          } catch (inner) {
            await fresh.query('ROLLBACK').catch(() => {});
            throw inner;
          }
        }).catch((again: unknown) => {
          throw unavailableIfLost(again);
        });
      }
      try {
        const result = await inTransaction(client, fn);
        client.release();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        const lost = isConnectionError(error);
        client.release(lost ? (error as Error) : undefined);
        throw unavailableIfLost(error);
      }
    },
    async listen(channel, onPayload, options) {
      assertChannelName(channel);
      return listener.listen(channel, onPayload, options);
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
