// Duplicate search benchmark (issue 4): a fresh database on the PostgreSQL server is seeded
// with BENCH_CASES cases (default 1,000,000) spread over Hue the way reports are (dense in
// the centre and a few towns, thin elsewhere) and over the last two years (old ones closed,
// recent ones open), in one INSERT ... SELECT generate_series. Then: findSimilarOpenCases
// called sequentially (median, p95), the suggest endpoint through app.inject, and the search
// again with only the all-cases location index, to show what the partial index of open cases
// buys.
// Before that, the quality of the suggestion on the labelled pairs (bench/duplicates-quality.ts:
// precision@1 and recall), on an embedded database; BENCH_CASES=0 runs only that part.
//   npm run bench -- duplicates       (BENCH_DATABASE_URL, default the local server's test database)
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { createSession, principalLoader, resolvePrincipal } from '../src/modules/accounts/sessions.js';
import { importCityPack } from '../src/modules/packs/import.js';
import {
  findSimilarOpenCases,
  MIN_SCORE,
  SIMILAR_CASES_SQL,
  similarCasesParams,
} from '../src/modules/triage/duplicates.js';
import { triageRoutes } from '../src/modules/triage/routes.js';
import { createClassifier, loadTriageModel } from '../src/modules/triage/service.js';
import type { Database } from '../src/platform/db/index.js';
import { migrate } from '../src/platform/db/migrate.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { registerAccessControl } from '../src/platform/http/access.js';
import { registerErrorHandling } from '../src/platform/http/errors.js';
import type { App } from '../src/platform/http/types.js';
import { registerValidation } from '../src/platform/http/validation.js';
import { ErrorBody } from '../src/shared/errors.js';
import { foldVietnamese } from '../src/shared/text.js';
import { measureDuplicateQuality } from './duplicates-quality.js';
import { ROOT, withBenchDatabase, writeResult } from './lib.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const SUGGESTIONS = Number(process.env.BENCH_SUGGESTIONS ?? 300);

/** Where reports come from: share, centre and spread (degrees, one standard deviation). */
const CENTRES = [
  { name: 'Huế centre', share: 0.55, lat: 16.4637, lon: 107.5909, sigma: 0.018 },
  { name: 'Thuận An', share: 0.12, lat: 16.558, lon: 107.64, sigma: 0.008 },
  { name: 'Phú Bài', share: 0.1, lat: 16.405, lon: 107.7, sigma: 0.01 },
  { name: 'Hương Trà', share: 0.08, lat: 16.5, lon: 107.5, sigma: 0.012 },
];
/** The rest is spread evenly over the city's bounding box. */

const TEMPLATES: [category: string, text: string][] = [
  ['road_damage', 'Ổ gà rất sâu giữa đường, xe máy dễ té ngã'],
  ['road_damage', 'Mặt đường bị lún sụt sau mưa lớn'],
  ['road_damage', 'Nắp hố ga bị mất, rất nguy hiểm cho người đi đường'],
  ['road_damage', 'Vỉa hè bị vỡ, gạch lát bong tróc'],
  ['waste', 'Rác thải đổ bừa bãi bốc mùi hôi thối'],
  ['waste', 'Thùng rác đầy tràn ra đường mấy ngày chưa thu gom'],
  ['streetlight', 'Đèn đường không sáng cả tuần nay'],
  ['streetlight', 'Đèn chiếu sáng chập chờn, lúc tắt lúc sáng'],
  ['drainage_flooding', 'Cống thoát nước bị tắc, nước ngập sau mưa'],
  ['drainage_flooding', 'Nước thải tràn ra đường, mùi hôi'],
  ['trees_parks', 'Cây xanh gãy cành đổ xuống lòng đường'],
  ['trees_parks', 'Cây lớn nghiêng sắp đổ vào nhà dân'],
  ['urban_order', 'Hàng rong lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường'],
  ['urban_order', 'Quảng cáo rao vặt dán đầy cột điện'],
  ['traffic', 'Đèn tín hiệu giao thông bị hỏng tại ngã tư'],
  ['traffic', 'Ô tô đỗ trái phép chắn lối đi'],
  ['water_supply', 'Mất nước sinh hoạt từ sáng đến giờ'],
  ['water_supply', 'Đường ống nước bị vỡ, nước chảy lênh láng'],
  ['electricity', 'Mất điện cả khu phố từ tối qua'],
  ['electricity', 'Dây điện bị đứt rủ xuống thấp, rất nguy hiểm'],
  ['pollution', 'Khói đốt rác gây ô nhiễm cả khu dân cư'],
  ['pollution', 'Tiếng ồn từ quán karaoke đến khuya'],
  ['construction', 'Công trình xây dựng không che chắn, vật liệu rơi xuống đường'],
  ['public_security', 'Nhóm thanh niên tụ tập gây mất trật tự ban đêm'],
];
const STREETS = [
  'đường Lê Duẩn',
  'đường Trần Hưng Đạo',
  'đường Hùng Vương',
  'đường Lê Lợi',
  'đường Nguyễn Huệ',
  'đường Điện Biên Phủ',
  'đường Phan Đình Phùng',
  'đường Bà Triệu',
  'đường Nguyễn Trãi',
  'đường Đinh Tiên Hoàng',
  'đường Mai Thúc Loan',
  'đường Chi Lăng',
  'đường Ngự Bình',
  'đường An Dương Vương',
  'đường Tố Hữu',
  'đường Võ Văn Kiệt',
  'kiệt 45 Phan Bội Châu',
  'chợ Đông Ba',
  'cầu Trường Tiền',
  'bãi biển Thuận An',
];

const gaussian = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** A report position drawn like the seeded ones (the centres only: where duplicates happen). */
function queryPoint(random: () => number) {
  const total = CENTRES.reduce((sum, c) => sum + c.share, 0);
  const pick = random() * total;
  let cumulative = 0;
  const centre =
    CENTRES.find((c) => {
      cumulative += c.share;
      return pick <= cumulative;
    }) ?? (CENTRES[0] as (typeof CENTRES)[number]);
  return { lat: centre.lat + gaussian(random) * centre.sigma, lon: centre.lon + gaussian(random) * centre.sigma };
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function figures(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return {
    n: sorted.length,
    median_ms: round(at(0.5)),
    p95_ms: round(at(0.95)),
    p99_ms: round(at(0.99)),
    max_ms: round(sorted.at(-1) ?? 0),
  };
}
const round = (x: number) => Math.round(x * 1000) / 1000;
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

async function cityBox(db: Database) {
  const { rows } = await db.query<{ geometry: { type: string; coordinates: unknown } }>(
    'SELECT geometry FROM areas WHERE parent_id IS NULL ORDER BY depth LIMIT 1',
  );
  let [minLon, minLat, maxLon, maxLat] = [180, 90, -180, -90];
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [lon, lat] = value as [number, number];
      [minLon, minLat, maxLon, maxLat] = [
        Math.min(minLon, lon),
        Math.min(minLat, lat),
        Math.max(maxLon, lon),
        Math.max(maxLat, lat),
      ];
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  visit(rows[0]?.geometry.coordinates);
  return { minLon, minLat, maxLon, maxLat };
}

/** Age-dependent state: recent cases are mostly open, old ones mostly closed (cumulative shares). */
const STATE_SQL = `CASE
  WHEN age_days < 14 THEN CASE
    WHEN u_state < 0.15 THEN 'submitted' WHEN u_state < 0.25 THEN 'triaged' WHEN u_state < 0.50 THEN 'assigned'
    WHEN u_state < 0.70 THEN 'in_progress' WHEN u_state < 0.75 THEN 'waiting_for_citizen'
    WHEN u_state < 0.90 THEN 'resolved' WHEN u_state < 0.95 THEN 'closed' WHEN u_state < 0.98 THEN 'rejected'
    ELSE 'merged' END
  WHEN age_days < 60 THEN CASE
    WHEN u_state < 0.08 THEN 'assigned' WHEN u_state < 0.16 THEN 'in_progress'
    WHEN u_state < 0.18 THEN 'waiting_for_citizen' WHEN u_state < 0.20 THEN 'reopened'
    WHEN u_state < 0.30 THEN 'resolved' WHEN u_state < 0.90 THEN 'closed' WHEN u_state < 0.95 THEN 'rejected'
    ELSE 'merged' END
  ELSE CASE
    WHEN u_state < 0.005 THEN 'assigned' WHEN u_state < 0.015 THEN 'in_progress' WHEN u_state < 0.02 THEN 'reopened'
    WHEN u_state < 0.05 THEN 'resolved' WHEN u_state < 0.90 THEN 'closed' WHEN u_state < 0.95 THEN 'rejected'
    ELSE 'merged' END
  END`;

function positionSql(box: { minLon: number; minLat: number; maxLon: number; maxLat: number }) {
  let cumulative = 0;
  const lat: string[] = [];
  const lon: string[] = [];
  for (const c of CENTRES) {
    cumulative += c.share;
    lat.push(`WHEN u_centre < ${cumulative} THEN ${c.lat} + z1 * ${c.sigma}`);
    lon.push(`WHEN u_centre < ${cumulative} THEN ${c.lon} + z2 * ${c.sigma}`);
  }
  return {
    lat: `CASE ${lat.join(' ')} ELSE ${box.minLat} + u_even1 * ${box.maxLat - box.minLat} END`,
    lon: `CASE ${lon.join(' ')} ELSE ${box.minLon} + u_even2 * ${box.maxLon - box.minLon} END`,
  };
}

async function seed(db: Database): Promise<Record<string, number>> {
  const phases: Record<string, number> = {};
  const { rows: categories } = await db.query<{ id: number; code: string }>('SELECT id, code FROM categories');
  const categoryId = (code: string) => {
    const found = categories.find((c) => c.code === code);
    if (!found) throw new Error(`no category ${code} in the pack`);
    return found.id;
  };
  const box = await cityBox(db);
  const position = positionSql(box);

  // Bulk load: secondary indexes are dropped and built again after, as for any large import.
  const { rows: indexes } = await db.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      WHERE i.tablename = 'cases' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);

  let started = performance.now();
  await db.query(
    `INSERT INTO cases (code, state, description, search_text, category_id, priority, lat, lon, channel,
                        created_at, updated_at)
     SELECT 'BENCH-' || lpad(g::text, 8, '0'), ${STATE_SQL},
            ($1::text[])[t] || ' ' || ($2::text[])[s], ($3::text[])[t] || ' ' || ($4::text[])[s],
            ($5::bigint[])[t], (ARRAY['low', 'normal', 'normal', 'normal', 'high', 'urgent'])[p],
            ${position.lat}, ${position.lon}, 'app', created_at, created_at
       FROM (
         SELECT g, random() AS u_state, random() AS u_centre, random() AS u_even1, random() AS u_even2,
                sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z1,
                sqrt(-2 * ln(1 - random())) * sin(2 * pi() * random()) AS z2,
                1 + floor(random() * cardinality($1::text[]))::int AS t,
                1 + floor(random() * cardinality($2::text[]))::int AS s,
                1 + floor(random() * 6)::int AS p,
                age_days, now() - make_interval(secs => age_days * 86400) AS created_at
           FROM (SELECT g, random() * 730 AS age_days FROM generate_series(1, $6::int) AS g) AS days
       ) AS r`,
    [
      TEMPLATES.map(([, text]) => text),
      STREETS,
      TEMPLATES.map(([, text]) => foldVietnamese(text)),
      STREETS.map((street) => foldVietnamese(street)),
      TEMPLATES.map(([code]) => categoryId(code)),
      CASES,
    ],
  );
  phases.insert_s = seconds(started);

  started = performance.now();
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    for (const index of indexes) await tx.query(index.definition);
  });
  phases.indexes_s = seconds(started);
  started = performance.now();
  await db.query('ANALYZE cases');
  phases.analyze_s = seconds(started);
  return phases;
}

interface SearchRun {
  figures: ReturnType<typeof figures>;
  mean_results: number;
}

interface SearchShape {
  /** Keep the suggested category (and related ones) or search every category. */
  byCategory: boolean;
  radiusMeters: number;
  days: number;
}

const NARROW: SearchShape = { byCategory: true, radiusMeters: 50, days: 14 };
/** An operator widening the search: every category, 200 m, 30 days. */
const WIDE: SearchShape = { byCategory: false, radiusMeters: 200, days: 30 };

async function searchRun(db: Database, count: number, seedValue: number, shape = NARROW): Promise<SearchRun> {
  const random = seededRandom(seedValue);
  const samples: number[] = [];
  let results = 0;
  for (let i = 0; i < count + 50; i++) {
    const [category, text] = TEMPLATES[Math.floor(random() * TEMPLATES.length)] as [string, string];
    const street = STREETS[Math.floor(random() * STREETS.length)] as string;
    const point = queryPoint(random);
    const started = performance.now();
    const found = await findSimilarOpenCases(db, {
      text: `${text} ${street}`,
      ...point,
      categoryCode: shape.byCategory ? category : null,
      radiusMeters: shape.radiusMeters,
      days: shape.days,
    });
    if (i >= 50) {
      samples.push(performance.now() - started);
      results += found.length;
    }
  }
  return { figures: figures(samples), mean_results: round(results / count) };
}

async function plan(db: Database): Promise<string> {
  const params = similarCasesParams({
    text: 'Ổ gà rất sâu giữa đường Lê Duẩn',
    lat: 16.4637,
    lon: 107.5909,
    categoryCode: 'road_damage',
  });
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${SIMILAR_CASES_SQL}`, params);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

async function buildApp(db: Database): Promise<App> {
  const classifier = createClassifier({ builtIn: await loadTriageModel(), timeoutMs: 1000 });
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(ErrorBody);
  registerValidation(app);
  registerErrorHandling(app);
  const principals = principalLoader(db);
  registerAccessControl(app, (request) => resolvePrincipal(principals, request));
  await app.register(async (v1: App) => v1.register(triageRoutes, { db, classifier }), { prefix: '/api/v1' });
  await app.ready();
  return app;
}

async function suggestRun(db: Database, count: number) {
  const app = await buildApp(db);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (role, email, display_name) VALUES ('operator', 'bench-operator@bench.example', 'Bench')
     RETURNING id`,
  );
  const session = await createSession(db, {
    userId: rows[0]?.id as string,
    kind: 'bearer',
    label: 'bench',
    ttlDays: 1,
    ip: null,
    userAgent: null,
  });
  const random = seededRandom(7);
  const samples: number[] = [];
  try {
    for (let i = 0; i < count + 20; i++) {
      const [, text] = TEMPLATES[Math.floor(random() * TEMPLATES.length)] as [string, string];
      const street = STREETS[Math.floor(random() * STREETS.length)] as string;
      const started = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/triage/suggest',
        headers: { authorization: `Bearer ${session.token}` },
        payload: { text: `${text} ${street}`, ...queryPoint(random) },
      });
      if (response.statusCode !== 200) throw new Error(`suggest answered ${response.statusCode}: ${response.body}`);
      if (i >= 20) samples.push(performance.now() - started);
    }
  } finally {
    await app.close();
  }
  return figures(samples);
}

async function qualityRun() {
  const withModel = await measureDuplicateQuality('model');
  const withoutCategory = await measureDuplicateQuality('none');
  const row = (what: string, q: typeof withModel) =>
    `| ${what} | ${q.reports} (${q.with_duplicate} filed before) | ${q.suggested} | ${q.precision_at_1.toFixed(4)} | ${q.recall.toFixed(4)} |`;
  const table = [
    `Duplicate suggestion quality, ${new Date().toISOString()}: data-sets/duplicates/pairs.jsonl ` +
      `(${withModel.pairs} labelled pairs), the first case suggested`,
    '',
    '| category of the new report | reports | suggested | precision@1 | recall |',
    '| --- | ---: | ---: | ---: | ---: |',
    row("the model's top 3 (report form)", withModel),
    row('unknown (text, distance and time only)', withoutCategory),
  ];
  // the threshold (MIN_SCORE) against others, with the model's categories
  const sweep: Record<string, { precision_at_1: number; recall: number }> = {};
  table.push('', '| threshold | precision@1 | recall | (model top 3) |', '| ---: | ---: | ---: | --- |');
  for (const threshold of [0.35, 0.4, 0.45, 0.5, 0.55, 0.6]) {
    const q = await measureDuplicateQuality('model', undefined, threshold);
    sweep[threshold.toFixed(2)] = { precision_at_1: q.precision_at_1, recall: q.recall };
    const chosen = threshold === MIN_SCORE ? 'MIN_SCORE' : '';
    table.push(`| ${threshold.toFixed(2)} | ${q.precision_at_1.toFixed(4)} | ${q.recall.toFixed(4)} | ${chosen} |`);
  }
  writeResult(
    'duplicates-quality',
    { min_score: MIN_SCORE, model: withModel, none: withoutCategory, threshold_sweep: sweep },
    table.join('\n'),
  );
}

await qualityRun();

if (CASES > 0)
  await withBenchDatabase('dup', async (url) => {
    const db = await openPostgres(url, 4);
    try {
      await migrate(db);
      await importCityPack(db, `${ROOT}/packs/hue`);
      process.stdout.write(`seeding ${CASES.toLocaleString('en')} cases...\n`);
      const load = await seed(db);
      const { rows: counts } = await db.query<{ open: number; recent_open: number }>(
        `SELECT count(*) FILTER (WHERE state IN ('submitted', 'triaged', 'assigned', 'in_progress',
                'waiting_for_citizen', 'reopened'))::int AS open,
              count(*) FILTER (WHERE state IN ('submitted', 'triaged', 'assigned', 'in_progress',
                'waiting_for_citizen', 'reopened') AND created_at > now() - interval '14 days')::int AS recent_open
         FROM cases`,
      );
      const withPartial = await searchRun(db, QUERIES, 42);
      const wide = await searchRun(db, QUERIES, 43, WIDE);
      const planText = await plan(db);
      const suggest = await suggestRun(db, SUGGESTIONS);
      await db.query('DROP INDEX cases_open_location');
      const fullIndexOnly = await searchRun(db, Math.min(QUERIES, 300), 42);
      const wideFullIndexOnly = await searchRun(db, Math.min(QUERIES, 300), 43, WIDE);

      const table = [
        `Duplicate search benchmark, ${new Date().toISOString()}: ${CASES.toLocaleString('en')} cases ` +
          `(${counts[0]?.open.toLocaleString('en')} open, ${counts[0]?.recent_open.toLocaleString('en')} of them from the ` +
          'last 14 days), PostgreSQL server, sequential calls, radius 50 m, 14 days',
        '',
        `seeding: insert ${load.insert_s} s, indexes ${load.indexes_s} s, analyze ${load.analyze_s} s`,
        '',
        '| what | calls | median ms | p95 ms | p99 ms | results/call |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        `| findSimilarOpenCases (partial GiST on open cases) | ${withPartial.figures.n} | ${withPartial.figures.median_ms} | ${withPartial.figures.p95_ms} | ${withPartial.figures.p99_ms} | ${withPartial.mean_results} |`,
        `| the same, every category, 200 m, 30 days | ${wide.figures.n} | ${wide.figures.median_ms} | ${wide.figures.p95_ms} | ${wide.figures.p99_ms} | ${wide.mean_results} |`,
        `| POST /api/v1/triage/suggest (app.inject; model + routing + duplicates) | ${suggest.n} | ${suggest.median_ms} | ${suggest.p95_ms} | ${suggest.p99_ms} | |`,
        `| findSimilarOpenCases, all-cases GiST only (cases_open_location dropped) | ${fullIndexOnly.figures.n} | ${fullIndexOnly.figures.median_ms} | ${fullIndexOnly.figures.p95_ms} | ${fullIndexOnly.figures.p99_ms} | ${fullIndexOnly.mean_results} |`,
        `| the same, every category, 200 m, 30 days | ${wideFullIndexOnly.figures.n} | ${wideFullIndexOnly.figures.median_ms} | ${wideFullIndexOnly.figures.p95_ms} | ${wideFullIndexOnly.figures.p99_ms} | ${wideFullIndexOnly.mean_results} |`,
        '',
        'Plan of one search in the centre (partial index present):',
        '',
        '```',
        planText,
        '```',
      ].join('\n');
      writeResult(
        'duplicates',
        {
          cases: CASES,
          open_cases: counts[0]?.open,
          recent_open_cases: counts[0]?.recent_open,
          seeding: load,
          find_similar_open_cases: withPartial,
          find_similar_wide: wide,
          suggest_endpoint: suggest,
          find_similar_without_partial_index: fullIndexOnly,
          find_similar_wide_without_partial_index: wideFullIndexOnly,
          plan: planText.split('\n'),
        },
        table,
      );
    } finally {
      await db.close();
    }
  });
