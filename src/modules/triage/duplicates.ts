// Duplicates: open cases near a report that are likely about the same problem, so that a
// citizen can follow one instead of filing another and an operator can merge them. A box
// around the point reads the GiST index of open cases' locations; the exact distance, the time
// window, the category and the trigram similarity of the texts then decide and rank.
import type { Queryable } from '../../platform/db/index.js';
import { type CaseState, OPEN_STATES } from '../../shared/cases.js';
import { foldVietnamese } from '../../shared/text.js';
import { reporterIdentities } from '../cases/privacy.js';
import { redactPersonalData } from './redaction.js';

export interface SimilarQuery {
  text: string;
  lat: number;
  lon: number;
  /** Same category, or one of the same agency kind ("related"); absent: any category. */
  categoryCode?: string | null;
  radiusMeters?: number;
  days?: number;
  excludeCaseId?: string;
  /** Only cases held by this agency (what agency staff may see). */
  agencyId?: number;
  limit?: number;
}

export interface SimilarCase {
  case_id: string;
  code: string;
  /** 0..1: text similarity, closeness and a same-category bonus. */
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

/** How the score weighs its parts; they add up to 1. */
export const SCORE_WEIGHTS = { text: 0.6, distance: 0.3, sameCategory: 0.1 } as const;

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
WITH asked AS (
  SELECT id, agency_kind FROM categories WHERE code = $11
), near AS (
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
), scored AS (
  SELECT n.id AS case_id, n.code, n.state, cat.code AS category, n.created_at, n.description, n.distance_m,
         similarity(n.search_text, $1) AS text_similarity,
         coalesce(cat.id = (SELECT id FROM asked), false) AS same_category
    FROM near n
    LEFT JOIN categories cat ON cat.id = n.category_id
   WHERE n.distance_m <= $12
     -- a related category has the same agency kind; a case not categorised yet may be anything
     AND ($11::text IS NULL OR NOT EXISTS (SELECT 1 FROM asked) OR n.category_id IS NULL
          OR cat.agency_kind = (SELECT agency_kind FROM asked))
)
SELECT *,
       ${SCORE_WEIGHTS.text} * text_similarity
       + ${SCORE_WEIGHTS.distance} * (1 - distance_m / $12)
       + ${SCORE_WEIGHTS.sameCategory} * same_category::int AS score
  FROM scored
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

/** Open cases of the same or a related category near a point, most likely duplicates first. */
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
    query.categoryCode ?? null,
    radius,
    query.limit ?? 5,
  ];
}

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
