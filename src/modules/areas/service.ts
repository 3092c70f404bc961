// Reading the tree of administrative areas, and finding the area a point lies in: the
// question every citizen report asks first ("whose ward is this pothole in?").
import type { Queryable } from '../../platform/db/index.js';
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
 * The smallest area containing the point ($1 lon, $2 lat): the deepest in the tree, then the
 * one with the smallest ring. The && against a zero-size box lets the GiST index on
 * area_rings.shape pick the few rings whose bounding box holds the point; @> then tests the
 * exact ring. A point in a hole (a lake, an enclave) is not in the part that has the hole.
 */
export const AREA_LOOKUP_SQL = `SELECT ${AREA_COLUMNS}
  FROM area_rings r
  JOIN areas a ON a.id = r.area_id
  LEFT JOIN areas p ON p.id = a.parent_id
  WHERE NOT r.is_hole
    AND r.shape && polygon(box(point($1, $2), point($1, $2)))
    AND r.shape @> point($1, $2)
    AND NOT EXISTS (
      SELECT 1 FROM area_rings h
      WHERE h.area_id = r.area_id AND h.part = r.part AND h.is_hole
        AND h.shape && polygon(box(point($1, $2), point($1, $2)))
        AND h.shape @> point($1, $2)
    )
  ORDER BY a.depth DESC, area(path(r.shape)), a.code
  LIMIT 1`;

/** The smallest area containing the point, with its ancestors from the root down; null outside every area. */
export async function lookupArea(db: Queryable, lat: number, lon: number): Promise<AreaLookup | null> {
  const { rows } = await db.query<AreaRow>(AREA_LOOKUP_SQL, [lon, lat]);
  const row = rows[0];
  if (!row) return null;
  return { area: toSummary(row), ancestors: await ancestorsOf(db, row.id) };
}
