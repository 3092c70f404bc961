// Forward-only numbered migrations from /migrations (NNNN_name.sql), applied in order inside
// one transaction that holds an advisory lock, so two servers starting at once against one
// database apply each migration exactly once: the second waits, then finds nothing to do.
// Each applied migration's sha256 is recorded; a file changed after it was applied stops the
// start, since the database no longer matches what the files say it is.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OperatorError } from '../errors.js';
import type { Database, Queryable } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));
const MIGRATION_LOCK_KEY = 7_021_001; // any constant unique to CityPulse migrations

export interface Migration {
  version: number;
  name: string;
  /** The file name, as an operator would look for it. */
  file: string;
  sql: string;
  /** sha256 of the text, line endings made \n so that a checkout on Windows is the same file. */
  checksum: string;
}

export const checksumOf = (sql: string): string =>
  createHash('sha256').update(sql.replaceAll('\r\n', '\n')).digest('hex');

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${file}`);
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return { version: Number(match[1]), name: match[2] as string, file, sql, checksum: checksumOf(sql) };
    });
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3 ... without gaps: expected ${index + 1}, found ${migration.version}`,
      );
    }
  });
  return migrations;
}

/** Applies pending migrations; returns the versions it applied. */
export async function migrate(db: Database, migrations = readMigrations()): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    // added here rather than by a migration: it is how migrations are checked. Null: applied
    // before checksums were kept, filled from the files as they are now.
    await tx.exec('ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text');
    const applied = await checkApplied(tx, migrations);
    const newlyApplied: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
}

/**
 * The versions already applied, each checked against its file: a changed file is refused,
 * a missing checksum (applied before they were kept) is recorded from the file.
 */
async function checkApplied(tx: Queryable, migrations: Migration[]): Promise<Set<number>> {
  const { rows } = await tx.query<{ version: number; checksum: string | null }>(
    'SELECT version, checksum FROM schema_migrations',
  );
  const byVersion = new Map(migrations.map((migration) => [migration.version, migration]));
  for (const row of rows) {
    const migration = byVersion.get(row.version);
    if (!migration) continue; // applied by newer code than this: nothing to compare it with
    if (row.checksum === null) {
      await tx.query('UPDATE schema_migrations SET checksum = $2 WHERE version = $1', [
        row.version,
        migration.checksum,
      ]);
    } else if (row.checksum !== migration.checksum) {
      throw new OperatorError(
        `Migration ${migration.file} was changed after it was applied to this database; restore the file as it was and put the change in a new migration`,
      );
    }
  }
  return new Set(rows.map((row) => row.version));
}
