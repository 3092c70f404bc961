// Reading the tree of administrative areas, and finding the area a point lies in: the
// question every citizen report asks first ("whose ward is this pothole in?").
import { prepared, type Queryable } from '../../platform/db/index.js';
import type { Area, AreaDetail, AreaGeometry, AreaLookup, AreaSummary } from '../../shared/reference-data.js';

interface AreaRow {
  id: number;
  code: string;
  name_vi: string;
  name_en: string;
  kind: string;
  level: number;
  parent_code: string | null;
  depth: number;
  center_lon: number | null;
  center_lat: number | null;
  approximate: boolean;
  geometry?: AreaGeometry;
  properties?: Record<string, unknown>;
}

const AREA_COLUMNS = `a.id, a.code, a.name_vi, a.name_en, a.kind, a.level, p.code AS parent_code, a.depth,
  a.center_lon, a.center_lat, a.approximate`;

function toSummary(row: AreaRow): AreaSummary {
  return {
    code: row.code,
    name_vi: row.name_vi,
    name_en: row.name_en,
    kind: row.kind,
    level: row.level,
    parent_code: row.parent_code,
    depth: row.depth,
    center: row.center_lon === null || row.center_lat === null ? null : { lon: row.center_lon, lat: row.center_lat },
    approximate: row.approximate,
  };
}

export interface AreaFilter {
  /** Only the children of this area. */
  parent?: string | undefined;
  /** Add each area's boundary (large: about 30 kB for Hue). */
  geometry?: boolean | undefined;
}

export async function listAreas(db: Queryable, filter: AreaFilter = {}): Promise<Area[]> {
  const { rows } = await db.query<AreaRow>(
    `SELECT ${AREA_COLUMNS}${filter.geometry ? ', a.geometry' : ''}
     FROM areas a LEFT JOIN areas p ON p.id = a.parent_id
     WHERE ($1::text IS NULL OR p.code = $1)
     ORDER BY a.depth, a.code`,
    [filter.parent ?? null],
  );
  return rows.map((row) => (filter.geometry ? { ...toSummary(row), geometry: row.geometry } : toSummary(row)));
}

/** The areas above the given one, from the root down. */
async function ancestorsOf(db: Queryable, areaId: number): Promise<AreaSummary[]> {
  // The hop limit guards against a cycle that the pack validation should make impossible.
  const { rows } = await db.query<AreaRow>(
    `WITH RECURSIVE up AS (
       SELECT parent_id AS id, 1 AS hop FROM areas WHERE id = $1 AND parent_id IS NOT NULL
       UNION ALL
       SELECT a.parent_id, up.hop + 1 FROM up JOIN areas a ON a.id = up.id WHERE a.parent_id IS NOT NULL AND up.hop < 64
     )
     SELECT ${AREA_COLUMNS} FROM up JOIN areas a ON a.id = up.id LEFT JOIN areas p ON p.id = a.parent_id
     ORDER BY up.hop DESC`,
    [areaId],
  );
  return rows.map(toSummary);
}

export async function getArea(db: Queryable, code: string): Promise<AreaDetail | null> {
  const { rows } = await db.query<AreaRow>(
    `SELECT ${AREA_COLUMNS}, a.geometry, a.properties
     FROM areas a LEFT JOIN areas p ON p.id = a.parent_id WHERE a.code = $1`,
    [code],
  );
  const row = rows[0];
  if (!row?.geometry) return null;
  return {
    ...toSummary(row),
    geometry: row.geometry,
    properties: row.properties ?? {},
    ancestors: await ancestorsOf(db, row.id),
  };
}

/**
 * The smallest area containing each point ($1 longitudes, $2 latitudes): the deepest in the
 * tree, then the one with the smallest ring. The GiST index on each ring's bounding box
 * (area_rings.bounds) picks the few rings whose box holds the point; they are then tested
 * exactly (@>) deepest first, and the first that holds the point wins, so a
 * city's large outline is only read when no ward matched (OFFSET 0 keeps that order from
 * being planned away). A point in a hole (a lake, an enclave) is not in the part that has
 * the hole. Many points in one query: intake writes reports in batches.
 */
export const AREA_LOOKUP_SQL = `SELECT p.ord, hit.id, hit.code, hit.name_vi, hit.name_en
  FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lon, lat, ord)
  CROSS JOIN LATERAL (
    SELECT c.id, c.code, c.name_vi, c.name_en
      FROM (
        SELECT a.id, a.code, a.name_vi, a.name_en, r.part, r.shape
          FROM area_rings r JOIN areas a ON a.id = r.area_id
         WHERE NOT r.is_hole AND r.bounds && box(point(p.lon, p.lat), point(p.lon, p.lat))
         ORDER BY a.depth DESC, r.ring_area, a.code
         OFFSET 0
      ) AS c
     WHERE c.shape @> point(p.lon, p.lat)
       AND NOT EXISTS (
         SELECT 1 FROM area_rings h
          WHERE h.is_hole AND h.area_id = c.id AND h.part = c.part
            AND h.bounds && box(point(p.lon, p.lat), point(p.lon, p.lat))
            AND h.shape @> point(p.lon, p.lat))
     LIMIT 1
  ) AS hit`;
const AREA_LOOKUP = prepared(AREA_LOOKUP_SQL);

export interface PointArea {
  id: number;
  code: string;
  name_vi: string;
  name_en: string;
}

/** The smallest area of each point (null outside every area), in one query. */
export async function lookupAreasOfPoints(
  db: Queryable,
  points: readonly { lat: number; lon: number }[],
): Promise<(PointArea | null)[]> {
  if (points.length === 0) return [];
  const { rows } = await db.query<PointArea & { ord: number }>(AREA_LOOKUP, [
    points.map((p) => p.lon),
    points.map((p) => p.lat),
  ]);
  const byOrdinal = new Map(rows.map((row) => [row.ord, row]));
  return points.map((_, index) => {
    const row = byOrdinal.get(index + 1);
    return row ? { id: row.id, code: row.code, name_vi: row.name_vi, name_en: row.name_en } : null;
  });
}

/** The smallest area containing the point, with its ancestors from the root down; null outside every area. */
export async function lookupArea(db: Queryable, lat: number, lon: number): Promise<AreaLookup | null> {
  const [hit] = await lookupAreasOfPoints(db, [{ lat, lon }]);
  if (!hit) return null;
  const { rows } = await db.query<AreaRow>(
    `SELECT ${AREA_COLUMNS} FROM areas a LEFT JOIN areas p ON p.id = a.parent_id WHERE a.id = $1`,
    [hit.id],
  );
  return { area: toSummary(rows[0] as AreaRow), ancestors: await ancestorsOf(db, hit.id) };
}
