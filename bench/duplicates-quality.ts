// Quality of the duplicate suggestion on the labelled pairs of data-sets/duplicates/pairs.jsonl
// (issue 20 point 6): each place's existing cases are filed at their distance and age from the
// place, then each new report there asks for similar cases with the category the triage model
// gives it, as the report form does. The suggestion is the first case answered (if any).
//   precision@1: of the reports given a suggestion, the share whose suggestion is the same problem
//   recall:      of the reports whose problem is already filed, the share suggested it
// Run by `npm run bench -- duplicates` (first, on an embedded database), or alone:
//   npx tsx bench/duplicates-quality.ts
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { importCityPack } from '../src/modules/packs/import.js';
import { findSimilarOpenCases } from '../src/modules/triage/duplicates.js';
import { loadModel, TRIAGE_DATA } from '../src/modules/triage/model/model.js';
import { migrate } from '../src/platform/db/migrate.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { foldVietnamese } from '../src/shared/text.js';
import { ROOT } from './lib.js';

interface Pair {
  id: string;
  place: string;
  lang: string;
  existing: { key: string; text: string; category: string; distance_m: number; age_days: number };
  report: { n: number; text: string };
  same: boolean;
}

export interface DuplicateQuality {
  pairs: number;
  reports: number;
  with_duplicate: number;
  suggested: number;
  correct: number;
  precision_at_1: number;
  recall: number;
  /** Reports given another case than their duplicate. */
  wrong: { report: string; suggested: string }[];
  /** Reports whose duplicate was filed but not suggested (nothing, or another case). */
  missed: { report: string; category: string }[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function readPairs(path = `${ROOT}/data-sets/duplicates/pairs.jsonl`): Pair[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Pair);
}

/**
 * `model`: the report asks with the category the model gives it (the report form); `none`: with no
 * category, as for a case nobody categorised yet (the staff panel then compares every category).
 */
export type CategoryMode = 'model' | 'none';

export async function measureDuplicateQuality(
  mode: CategoryMode,
  pairs: readonly Pair[] = readPairs(),
  minScore?: number,
): Promise<DuplicateQuality> {
  const db = await openPglite(undefined);
  const model = loadModel(TRIAGE_DATA.model);
  try {
    await migrate(db);
    await importCityPack(db, `${ROOT}/packs/hue`);
    const places = [...new Set(pairs.map((p) => p.place))];
    /** Each place ~1 km from the last along a line of latitude: further apart than any radius. */
    const origin = (place: string) => ({ lat: 16.45 + places.indexOf(place) * 0.01, lon: 107.58 });
    const filed = new Map<string, string>(); // place + key -> case id
    let serial = 0;
    for (const pair of pairs) {
      const slot = `${pair.place}\u0000${pair.existing.key}`;
      if (filed.has(slot)) continue;
      const { lat, lon } = origin(pair.place);
      const e = pair.existing;
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO cases (code, state, description, search_text, category_id, priority, lat, lon, channel,
                            created_at, updated_at)
         SELECT $1, 'submitted', $2, $3, id, 'normal', $4, $5, 'app',
                now() - make_interval(days => $6), now() - make_interval(days => $6)
           FROM categories WHERE code = $7
         RETURNING id`,
        [`DUP-${++serial}`, e.text, foldVietnamese(e.text), lat + e.distance_m / 111_195, lon, e.age_days, e.category],
      );
      if (!rows[0]) throw new Error(`${pair.id}: no category ${e.category}`);
      filed.set(slot, rows[0].id);
    }
    const reports = new Map<string, { text: string; place: string; duplicates: Set<string> }>();
    for (const pair of pairs) {
      const key = `${pair.place}\u0000${pair.report.n}`;
      const report = reports.get(key) ?? { text: pair.report.text, place: pair.place, duplicates: new Set() };
      if (pair.same) report.duplicates.add(filed.get(`${pair.place}\u0000${pair.existing.key}`) as string);
      reports.set(key, report);
    }
    let suggested = 0;
    let correct = 0;
    let withDuplicate = 0;
    const wrong: DuplicateQuality['wrong'] = [];
    const missed: DuplicateQuality['missed'] = [];
    for (const report of reports.values()) {
      if (report.duplicates.size > 0) withDuplicate++;
      const prediction = model.classify(report.text);
      const [first] = await findSimilarOpenCases(db, {
        text: report.text,
        ...origin(report.place),
        ...(mode === 'model' ? { categoryLikelihood: prediction.top3 } : {}),
        ...(minScore === undefined ? {} : { minScore }),
      });
      if (report.duplicates.size > 0 && !(first && report.duplicates.has(first.case_id))) {
        missed.push({ report: report.text, category: prediction.category });
      }
      if (!first) continue;
      suggested++;
      if (report.duplicates.has(first.case_id)) correct++;
      else wrong.push({ report: report.text, suggested: first.description });
    }
    return {
      pairs: pairs.length,
      reports: reports.size,
      with_duplicate: withDuplicate,
      suggested,
      correct,
      precision_at_1: round4(suggested ? correct / suggested : 1),
      recall: round4(withDuplicate ? correct / withDuplicate : 1),
      wrong,
      missed,
    };
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const mode of ['model', 'none'] as const) {
    process.stdout.write(`${mode}: ${JSON.stringify(await measureDuplicateQuality(mode), null, 2)}\n`);
  }
}
