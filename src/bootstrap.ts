// What the server and the command-line tool do before anything else: open the database,
// migrate it, and on an empty database load the configured city pack (and its demo users).
import type { Logger } from 'pino';
import { isDemoPackLoaded, seedDemoUsers } from './modules/accounts/demo-users.js';
import { importCityPack } from './modules/packs/import.js';
import type { Config } from './platform/config.js';
import { type Database, openDatabase } from './platform/db/index.js';
import { migrate } from './platform/db/migrate.js';

export async function prepareDatabase(config: Config, log: Logger): Promise<Database> {
  const db = await openDatabase(config);
  log.info({ database: db.kind === 'pglite' ? `embedded (${config.dataDir})` : 'postgres server' }, 'database open');
  const applied = await migrate(db);
  if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');

  const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM areas');
  if (rows[0]?.count === 0 && config.cityPackDir) {
    const report = await importCityPack(db, config.cityPackDir);
    log.info({ pack: report.pack }, 'city pack imported into the empty database');
  }
  if (config.nodeEnv !== 'production' && (await isDemoPackLoaded(db))) {
    const created = await seedDemoUsers(db);
    if (created > 0) log.info({ created }, 'demo users created');
  }
  return db;
}
