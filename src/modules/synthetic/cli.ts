// `npm run cli -- seed:synthetic --cases N [--years 2] [--seed S]`
import { parseArgs } from 'node:util';
import type { Config } from '../../platform/config.js';
import { openDatabase } from '../../platform/db/index.js';
import { migrate } from '../../platform/db/migrate.js';
import { loadCaseSettings } from '../cases/settings.js';
import { seedSynthetic } from './seed.js';

const positive = (raw: string | undefined, fallback: number) => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : Number.NaN;
};

export async function seedSyntheticCommand(
  config: Config,
  args: string[],
  out: (line: string) => void,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { cases: { type: 'string' }, years: { type: 'string' }, seed: { type: 'string' } },
  });
  const cases = positive(values.cases, Number.NaN);
  const years = positive(values.years, 2);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(cases) || !(years <= 20) || !Number.isInteger(seed)) {
    out(
      'seed:synthetic needs --cases N (a whole number), and takes --years Y (up to 20, default 2) and --seed S (default 1)',
    );
    return 2;
  }
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const settings = await loadCaseSettings(db);
    const report = await seedSynthetic(db, settings, { cases, years, seed, progress: out });
    out(
      `${report.cases} cases and ${report.events} events in ${report.seconds.toFixed(0)} s: ${Object.entries(
        report.byState,
      )
        .sort((a, b) => b[1] - a[1])
        .map(([state, n]) => `${state} ${n}`)
        .join(', ')}`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
