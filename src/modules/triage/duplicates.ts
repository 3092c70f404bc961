// Duplicates: open cases near a report that are likely about the same problem, so that a
// citizen can follow one instead of filing another and an operator can merge them. A box
// around the point reads the GiST index of open cases' locations; then one score from four
// parts ranks them, and weak matches are left out (see SCORE_WEIGHTS and MIN_SCORE).
import type { Queryable } from '../../platform/db/index.js';
import { type CaseState, OPEN_STATES } from '../../shared/cases.js';
import { foldVietnamese } from '../../shared/text.js';
import { reporterIdentities } from '../cases/privacy.js';
import { redactPersonalData } from './redaction.js';

export interface SimilarQuery {
  text: string;
  lat: number;
  lon: number;
  /** The report's category (given or suggested); absent: unknown, every category scores alike. */
  categoryCode?: string | null;
  /**
   * Instead of one category, how likely each is for the report (the model's top 3): a case of the
   * model's second guess still scores its probability rather than 0.
   */
  categoryLikelihood?: readonly { category: string; confidence: number }[];
  radiusMeters?: number;
  days?: number;
  excludeCaseId?: string;
  /** Only cases held by this agency (what agency staff may see). */
  agencyId?: number;
  /** Leave out the cases this citizen reported or follows: never offered as someone else's. */
  excludeFollowerId?: string;
  /** Leave out cases scoring below this (default MIN_SCORE); 0 shows every candidate. */
  minScore?: number;
  limit?: number;
}

export interface SimilarCase {
  case_id: string;
  code: string;
  /** 0..1: category, text, closeness and recency together (SCORE_WEIGHTS). */
  score: number;
  /** pg_trgm similarity of the folded texts, 0..1. */
  text_similarity: number;
  distance_m: number;
  state: CaseState;
  category: string | null;
  created_at: Date;
  /** The description with phone numbers, e-mails and the like masked. */
  description: string;
}

/**
 * How the score weighs its four parts, each 0..1; the weights add up to 1.
 * - category: 1 same category, UNKNOWN_CATEGORY (0.25) when the report's or the case's is
 *   unknown (an uncategorised case
 *   counts its latest triage suggestion), 0 another category; for a report whose category is
 *   the model's guess, the model's probability of the case's category.
 * - text: pg_trgm similarity of the folded texts. Reports at one place share its street and
 *   landmark words, so text alone cannot tell a pothole from a blocked drain there (0.3-0.4 for
 *   both on the labelled pairs): the category carries as much weight.
 * - distance: 1 at the point, 0 at the radius.   - time: 1 today, 0 at the window's start.
 * Within the radius and window, closeness and recency only order near-equals.
 */
export const SCORE_WEIGHTS = { category: 0.4, text: 0.4, distance: 0.1, time: 0.1 } as const;

/** The category part when a side's category is unknown: weak evidence, so more text is needed. */
export const UNKNOWN_CATEGORY = 0.25;

/**
 * Below this a case is not offered. Chosen on data-sets/duplicates/pairs.jsonl (`npm run bench --
 * duplicates` compares 0.35 to 0.60): a case of the same category, near and recent, is offered
 * whatever its words (and ranked by them); of an unknown category it needs a text similarity of
 * about 0.43; of another category, above 0.6, which different problems at one place did not
 * reach on the pairs. 0.40 would find 2 more of the 40 duplicates with the model's categories
 * (recall 0.95 instead of 0.90, precision alike) but lets cases of an unknown category through
 * on little shared text (precision 0.83 instead of 1 when the category is unknown).
 */
export const MIN_SCORE = 0.45;

const EARTH_RADIUS_M = 6_371_008.8;
/** On the sphere the distance is measured on; 1 % more box than needed, for rounding. */
const METRES_PER_DEGREE = ((2 * Math.PI * EARTH_RADIUS_M) / 360) * 0.99;

// Literal, not a parameter: the planner must see that the condition implies the predicate of
// the partial index cases_open_location (migrations/0006_triage.sql).
const OPEN_STATES_SQL = OPEN_STATES.map((state) => `'${state}'`).join(', ');

/** A box of at least radius metres on each side of the point, in degrees. */
export function boxAround(lat: number, lon: number, radiusMeters: number) {
  const dLat = radiusMeters / METRES_PER_DEGREE;
  // the box's edge nearer the pole is where a degree of longitude is shortest
  const cosLat = Math.max(Math.cos((Math.min(Math.abs(lat) + dLat, 89.9) * Math.PI) / 180), 1e-6);
  const dLon = Math.min(radiusMeters / (METRES_PER_DEGREE * cosLat), 180);
  return { minLon: lon - dLon, minLat: lat - dLat, maxLon: lon + dLon, maxLat: lat + dLat };
}

/** Great-circle distance in metres (the same formula as the SQL below). */
export function haversineMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export const SIMILAR_CASES_SQL = `
WITH near AS (
  SELECT c.id, c.code, c.state, c.category_id, c.created_at, c.description, c.search_text,
         2 * ${EARTH_RADIUS_M} * asin(least(1, sqrt(
           sin(radians(c.lat - $2) / 2) ^ 2
           + cos(radians($2)) * cos(radians(c.lat)) * sin(radians(c.lon - $3) / 2) ^ 2
         ))) AS distance_m
    FROM cases c
   WHERE point(c.lon, c.lat) <@ box(point($4, $5), point($6, $7))
     AND c.state IN (${OPEN_STATES_SQL})
     AND c.created_at >= now() - make_interval(days => $8)
     AND ($9::uuid IS NULL OR c.id <> $9)
     AND ($10::bigint IS NULL OR c.agency_id = $10)
     AND ($14::uuid IS NULL OR NOT EXISTS (
           SELECT 1 FROM case_followers f WHERE f.case_id = c.id AND f.user_id = $14))
     AND ($14::uuid IS NULL OR c.reporter_id IS DISTINCT FROM $14)
), parts AS (
  SELECT n.id AS case_id, n.code, n.state, cat.code AS category, n.created_at, n.description, n.distance_m,
         similarity(n.search_text, $1) AS text_similarity,
         CASE WHEN $11::jsonb IS NULL OR coalesce(cat.code, s.category_code) IS NULL THEN ${UNKNOWN_CATEGORY}
              ELSE coalesce(($11::jsonb ->> coalesce(cat.code, s.category_code))::float8, 0) END AS category_match,
         greatest(0, 1 - n.distance_m / $12) AS closeness,
         greatest(0, 1 - extract(epoch FROM now() - n.created_at) / ($8 * 86400.0)) AS recency
    FROM near n
    LEFT JOIN categories cat ON cat.id = n.category_id
    LEFT JOIN LATERAL (
      SELECT t.category_code FROM triage_suggestions t WHERE t.case_id = n.id ORDER BY t.id DESC LIMIT 1
    ) s ON n.category_id IS NULL
   WHERE n.distance_m <= $12
), scored AS (
  SELECT *,
         ${SCORE_WEIGHTS.category} * category_match + ${SCORE_WEIGHTS.text} * text_similarity
         + ${SCORE_WEIGHTS.distance} * closeness + ${SCORE_WEIGHTS.time} * recency AS score
    FROM parts
)
SELECT case_id, code, state, category, created_at, description, distance_m, text_similarity, score
  FROM scored
 WHERE score >= $15
 ORDER BY score DESC, distance_m, code
 LIMIT $13
`;

interface Row {
  case_id: string;
  code: string;
  state: CaseState;
  category: string | null;
  created_at: Date;
  description: string;
  distance_m: number;
  text_similarity: number;
  score: number;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The likelihood of each category for the report, as JSON ({ code: 0..1 }), or null when unknown. */
function categoryWeights(query: SimilarQuery): string | null {
  if (query.categoryLikelihood?.length) {
    return JSON.stringify(Object.fromEntries(query.categoryLikelihood.map((c) => [c.category, c.confidence])));
  }
  return query.categoryCode ? JSON.stringify({ [query.categoryCode]: 1 }) : null;
}

/** The parameters of SIMILAR_CASES_SQL for a query, in order (also for EXPLAIN in tests and benchmarks). */
export function similarCasesParams(query: SimilarQuery): unknown[] {
  const radius = query.radiusMeters ?? 50;
  if (!(radius > 0)) throw new RangeError('findSimilarOpenCases: radiusMeters must be above 0');
  const box = boxAround(query.lat, query.lon, radius);
  return [
    foldVietnamese(query.text),
    query.lat,
    query.lon,
    box.minLon,
    box.minLat,
    box.maxLon,
    box.maxLat,
    query.days ?? 14,
    query.excludeCaseId ?? null,
    query.agencyId ?? null,
    categoryWeights(query),
    radius,
    query.limit ?? 5,
    query.excludeFollowerId ?? null,
    query.minScore ?? MIN_SCORE,
  ];
}

/** Open cases near a point that are likely the same problem, most likely first; weak ones left out. */
export async function findSimilarOpenCases(db: Queryable, query: SimilarQuery): Promise<SimilarCase[]> {
  const { rows } = await db.query<Row>(SIMILAR_CASES_SQL, similarCasesParams(query));
  // shown to the citizen who is reporting: someone else's text, their name and number masked
  const reporters = await reporterIdentities(
    db,
    rows.map((row) => row.case_id),
  );
  return rows.map((row) => ({
    case_id: row.case_id,
    code: row.code,
    score: round4(row.score),
    text_similarity: round4(row.text_similarity),
    distance_m: Math.round(row.distance_m * 10) / 10,
    state: row.state,
    category: row.category,
    created_at: row.created_at,
    description: redactPersonalData(row.description, reporters.get(row.case_id)),
  }));
}
