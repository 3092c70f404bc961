import pg from 'pg';
import type { Database, PreparedStatement, Queryable, QueryResult } from './database.js';
import { assertChannelName, INT8_OID, NUMERIC_OID } from './database.js';
import { createPgListener } from './pg-listener.js';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return Number;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A real PostgreSQL server through a connection pool. */
export async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});

  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(
      statement: string | PreparedStatement,
      params: readonly unknown[] = [],
    ): Promise<QueryResult<Row>> {
      const result =
        typeof statement === 'string'
          ? await target.query(statement, params as unknown[])
          : await target.query({ name: statement.name, text: statement.text, values: params as unknown[] });
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(text: string) {
      await target.query(text);
    },
  });

  // Fail at boot, with the reason, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const listener = createPgListener({ connectionString: url, types });

  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
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
