import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { OperatorError } from '../errors.js';
import type { Database } from './database.js';
import { checksumOf, migrate, readMigrations } from './migrate.js';
import { openPostgres } from './postgres.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    const versions = readMigrations().map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

  it('apply each migration exactly once even when several processes start at once', async () => {
    // On the real server each migrator has its own pool, as two server processes would.
    const others: [Database, Database] = t.url
      ? [await openPostgres(t.url, 2), await openPostgres(t.url, 2)]
      : [t.db, t.db];
    try {
      const results = await Promise.all([migrate(t.db), migrate(others[0]), migrate(others[1])]);
      const applied = results.flat().sort((a, b) => a - b);
      expect(applied).toEqual(readMigrations().map((m) => m.version));
      const { rows } = await t.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(applied);
      expect(await migrate(t.db)).toEqual([]);
    } finally {
      if (t.url) await Promise.all(others.map((db) => db.close()));
    }
  });

  it('record the sha256 of each applied file, and fill it in for those applied before it was kept', async () => {
    const expected = readMigrations().map((m) => ({ version: m.version, checksum: checksumOf(m.sql) }));
    const recorded = () =>
      t.db
        .query<{ version: number; checksum: string | null }>(
          'SELECT version, checksum FROM schema_migrations ORDER BY version',
        )
        .then((r) => r.rows);
    expect(await recorded()).toEqual(expected);
    // a database migrated by the code before checksums: the column is there but empty
    await t.db.query('UPDATE schema_migrations SET checksum = NULL');
    expect(await migrate(t.db)).toEqual([]);
    expect(await recorded()).toEqual(expected);
  });

  it('refuse to run when an applied migration file has changed, naming the file in one line', async () => {
    const migrations = readMigrations();
    const changed = migrations.map((m) =>
      m.version === 3 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: checksumOf(`${m.sql}\n-- edited`) } : m,
    );
    const attempt = migrate(t.db, changed);
    await expect(attempt).rejects.toBeInstanceOf(OperatorError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`^Migration ${migrations[2]?.file} was changed after it was applied to this database;[^\n]*$`),
    );
    // nothing was recorded from the changed file, and the unchanged files still pass
    expect(await migrate(t.db, migrations)).toEqual([]);
    // a checkout with Windows line endings is the same file
    const crlf = migrations.map((m) => ({ ...m, checksum: checksumOf(m.sql.replaceAll('\n', '\r\n')) }));
    expect(await migrate(t.db, crlf)).toEqual([]);
  });

  it('give every table that users change created and updated timestamps', async () => {
    const { rows } = await t.db.query<{ table_name: string; columns: string[] }>(
      `SELECT table_name, array_agg(column_name::text) AS columns FROM information_schema.columns
        WHERE table_schema = 'public' GROUP BY table_name`,
    );
    // append-only logs and link rows that are only ever inserted or deleted, never changed
    const appendOnly = new Set([
      'audit_log',
      'case_events',
      'open311_updates',
      'schema_migrations',
      'area_rings',
      'agency_areas',
      'case_media',
      'case_followers',
      'triage_suggestions',
      'triage_corrections',
      'dashboard_deltas',
    ]);
    for (const { table_name, columns } of rows) {
      if (appendOnly.has(table_name)) continue;
      expect(columns, table_name).toEqual(expect.arrayContaining(['created_at', 'updated_at']));
    }
  });
});
