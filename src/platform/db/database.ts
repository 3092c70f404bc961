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

/** Receives the payload of each notification on a channel; it must not throw. */
export type NotificationHandler = (payload: string) => void;

export interface ListenOptions {
  /** The connection was lost and listening resumed: notifications sent in between were missed. */
  onResumed?: () => void;
}

/** Stops listening; harmless to call twice, or after the database is closed. */
export type Unlisten = () => Promise<void>;

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction on one connection: committed if fn resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls onPayload with each notification (NOTIFY, pg_notify) on channel once its
   * transaction commits, whichever connection or process sent it. Resolves once listening.
   */
  listen(channel: string, onPayload: NotificationHandler, options?: ListenOptions): Promise<Unlisten>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

/** Channels are plain lower-case identifiers: LISTEN takes an identifier, not a parameter. */
export function assertChannelName(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
}

/** int8 ids and counts fit in a double for any city; one parser keeps both drivers alike. */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
