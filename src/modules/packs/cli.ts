// `npm run cli -- pack:import <dir>`: imports a city pack and says what happened, or lists
// every problem of the pack so that all can be fixed before the next try.
import type { Database } from '../../platform/db/index.js';
import { type ImportCounts, importCityPack } from './import.js';
import { PackInvalidError } from './validate.js';

const describe = (counts: ImportCounts) =>
  `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`;

/** Returns true when the pack was imported; false when it was refused (nothing written). */
export async function packImportCommand(db: Database, dir: string, log: (line: string) => void): Promise<boolean> {
  try {
    const report = await importCityPack(db, dir);
    log(`City pack ${report.pack.code} (${report.pack.name}${report.pack.demo ? ', demo' : ''}) imported from ${dir}`);
    log(`  areas:      ${describe(report.areas)}`);
    log(`  agencies:   ${describe(report.agencies)}`);
    log(`  categories: ${describe(report.categories)}`);
    log(`  checksum:   ${report.pack.checksum}`);
    return true;
  } catch (error) {
    if (!(error instanceof PackInvalidError)) throw error;
    log(`${error.message}:`);
    for (const problem of error.problems) log(`  - ${problem}`);
    return false;
  }
}
