// The one database interface above the drivers: embedded PostgreSQL (PGlite) and a real
// server (pg pool) both implement it, so every module runs the same SQL on both.
import { createHash } from 'node:crypto';

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/**
 * A statement on a hot path (intake, sign-in): the server parses and plans it once per
 * connection instead of on every call. Keep to fixed texts: each one stays prepared on every
 * pooled connection for its life.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export function prepared(text: string): PreparedStatement {
  return { name: `p_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
}

/** The text of a statement, prepared or not (the embedded database has no use for names). */
export const textOf = (statement: string | PreparedStatement): string =>
  typeof statement === 'string' ? statement : statement.text;

export interface Queryable {
  /** One parameterised statement ($1, $2, ...). */
  query<Row = Record<string, unknown>>(
    statement: string | PreparedStatement,
    params?: readonly unknown[],
  ): Promise<QueryResult<Row>>;
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
