// The one database interface above the drivers: embedded PostgreSQL (PGlite) and a real
// server (pg pool) both implement it, so every module runs the same SQL on both.

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  /** One parameterised statement ($1, $2, ...). */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction on one connection: committed if fn resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

/** int8 ids and counts fit in a double for any city; one parser keeps both drivers alike. */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
