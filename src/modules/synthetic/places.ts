// Where synthetic reports are made: points inside the city pack's smallest areas, most of them
// near each area's centre (where people live), by population, wards busier than rural communes.
import type { Queryable } from '../../platform/db/index.js';
import type { Random } from './random.js';

type Ring = [number, number][];
type Polygon = Ring[];

export interface Place {
  areaId: number;
  code: string;
  kind: string;
  /** Points [lon, lat] known to lie inside the area. */
  points: [number, number][];
  /** How many reports the area gets, relative to the others. */
  weight: number;
}

function insideRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function insidePolygons(point: [number, number], polygons: Polygon[]): boolean {
  return polygons.some(
    ([outer, ...holes]) => outer !== undefined && insideRing(point, outer) && !holes.some((h) => insideRing(point, h)),
  );
}

interface AreaRow {
  id: number;
  code: string;
  kind: string;
  center_lon: number | null;
  center_lat: number | null;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  population: number | null;
}

const POINTS_PER_AREA = 400;

/** The areas without sub-areas, each with a pool of points inside it. */
export async function loadPlaces(db: Queryable, random: Random): Promise<Place[]> {
  const { rows } = await db.query<AreaRow>(
    `SELECT a.id, a.code, a.kind, a.center_lon, a.center_lat, a.geometry,
            (a.properties->>'population')::float8 AS population FROM areas a
      WHERE NOT EXISTS (SELECT 1 FROM areas c WHERE c.parent_id = a.id) ORDER BY a.code`,
  );
  const places: Place[] = [];
  for (const row of rows) {
    // the embedded database's requests run on this thread too: let them through between areas
    await new Promise((resolve) => setImmediate(resolve));
    const polygons = (
      row.geometry.type === 'Polygon' ? [row.geometry.coordinates] : row.geometry.coordinates
    ) as Polygon[];
    const all = polygons.flatMap((polygon) => polygon[0] ?? []);
    const lons = all.map(([lon]) => lon);
    const lats = all.map(([, lat]) => lat);
    const [minLon, maxLon, minLat, maxLat] = [
      Math.min(...lons),
      Math.max(...lons),
      Math.min(...lats),
      Math.max(...lats),
    ];
    const center: [number, number] = [row.center_lon ?? (minLon + maxLon) / 2, row.center_lat ?? (minLat + maxLat) / 2];
    const spread = [(maxLon - minLon) / 6, (maxLat - minLat) / 6];
    const points: [number, number][] = [];
    for (let attempt = 0; points.length < POINTS_PER_AREA && attempt < POINTS_PER_AREA * 50; attempt++) {
      // most reports cluster around the centre; some come from anywhere in the area
      const candidate: [number, number] = random.chance(0.75)
        ? [center[0] + random.normal() * (spread[0] as number), center[1] + random.normal() * (spread[1] as number)]
        : [minLon + random.next() * (maxLon - minLon), minLat + random.next() * (maxLat - minLat)];
      if (insidePolygons(candidate, polygons)) points.push(candidate);
    }
    if (points.length === 0) continue;
    // by the pack's population when it gives one; townspeople use the app more than villagers
    const people =
      row.population === null ? random.logNormal(1, 0.5) : (row.population / 50_000) * random.logNormal(1, 0.2);
    const urban = row.kind === 'ward' ? 3 : 1;
    places.push({ areaId: row.id, code: row.code, kind: row.kind, points, weight: urban * people });
  }
  return places;
}
