import { join } from 'node:path';
import type { Database } from './database.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export type { Database, PreparedStatement, Queryable, QueryResult } from './database.js';
export { prepared, textOf } from './database.js';

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  dbPoolMax: number;
}

export function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.dbPoolMax);
  return openPglite(join(options.dataDir, 'pglite'));
}
