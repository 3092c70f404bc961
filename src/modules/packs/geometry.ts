// Checks of GeoJSON area boundaries, and their conversion to PostgreSQL's native polygon.
// Boundaries come from GIS offices and hand edits; a bad ring would silently make the point
// lookup wrong, so every ring is checked before anything is written.

export type Position = readonly [lon: number, lat: number];
export type Ring = readonly Position[];
/** Parts of a (multi)polygon: each part is an outer ring followed by its holes. */
export type Parts = readonly (readonly Ring[])[];

export type AreaGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** Area in square degrees below which a ring is treated as flat (about 0.01 m² near the equator). */
const MIN_RING_AREA = 1e-12;

export function geometryParts(geometry: AreaGeometry): Parts {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Returns the problems of a GeoJSON geometry (each naming the part and ring), or the typed
 * geometry when there are none. Only Polygon and MultiPolygon describe an area.
 */
export function checkGeometry(value: unknown): { geometry: AreaGeometry | null; problems: string[] } {
  if (!isObject(value)) return { geometry: null, problems: ['geometry is missing or not an object'] };
  const { type, coordinates } = value;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return { geometry: null, problems: [`geometry type ${JSON.stringify(type)} is not Polygon or MultiPolygon`] };
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    return { geometry: null, problems: ['geometry has no coordinates'] };
  }
  const multi = type === 'MultiPolygon';
  const rawParts: unknown[] = multi ? coordinates : [coordinates];
  const problems: string[] = [];
  const parts: Ring[][] = [];
  rawParts.forEach((rawPart, p) => {
    const partLabel = multi ? `part ${p} ` : '';
    if (!Array.isArray(rawPart) || rawPart.length === 0) {
      problems.push(`${partLabel.trim() || 'polygon'} has no rings`);
      return;
    }
    const rings: Ring[] = [];
    rawPart.forEach((rawRing, r) => {
      const label = `${partLabel}ring ${r}`;
      const ring = readRing(rawRing, label, problems);
      if (ring) rings.push(ring);
    });
    if (rings.length !== rawPart.length) return;
    rings.slice(1).forEach((hole, index) => {
      const outer = rings[0] as Ring;
      if (!hole.some((position) => pointInRing(position, outer))) {
        problems.push(`${partLabel}ring ${index + 1} is a hole outside its outer ring (ring 0)`);
      }
    });
    parts.push(rings);
  });
  if (problems.length > 0) return { geometry: null, problems };
  const geometry: AreaGeometry = multi
    ? { type: 'MultiPolygon', coordinates: parts }
    : { type: 'Polygon', coordinates: parts[0] as Ring[] };
  return { geometry, problems };
}

/** Reads one ring, pushing its problems; returns it only when it is usable. */
function readRing(value: unknown, label: string, problems: string[]): Ring | null {
  if (!Array.isArray(value)) {
    problems.push(`${label} is not an array of positions`);
    return null;
  }
  const ring: Position[] = [];
  for (const [index, position] of value.entries()) {
    const problem = positionProblem(position);
    if (problem) {
      // One bad position per ring is enough to find the fault; a hundred would hide the rest.
      problems.push(`${label} position ${index} ${problem}`);
      return null;
    }
    const [lon, lat] = position as [number, number];
    ring.push([lon, lat]);
  }
  if (ring.length < 4) {
    problems.push(`${label} has ${ring.length} positions; a ring needs at least 4 (the first repeated last)`);
    return null;
  }
  if (!samePosition(ring[0] as Position, ring[ring.length - 1] as Position)) {
    problems.push(`${label} is not closed (its last position differs from its first)`);
    return null;
  }
  if (Math.abs(signedArea(ring)) < MIN_RING_AREA) {
    problems.push(`${label} has no area (its positions are on one line or the same point)`);
    return null;
  }
  const crossing = findSelfIntersection(ring);
  if (crossing) {
    problems.push(`${label} crosses itself near ${formatPosition(crossing)}`);
    return null;
  }
  return ring;
}

function positionProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    return 'is not a [lon, lat] pair';
  }
  if (!value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return `${JSON.stringify(value)} is not made of finite numbers`;
  }
  const [lon, lat] = value as [number, number];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    return `${JSON.stringify(value)} is out of range (lon -180..180, lat -90..90; GeoJSON puts lon first)`;
  }
  return null;
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const formatPosition = (p: Position) => `[${p[0]}, ${p[1]}]`;

/** Shoelace formula over a closed ring, in square degrees (positive when counter-clockwise). */
export function signedArea(ring: Ring): number {
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    twice += x1 * y2 - x2 * y1;
  }
  return twice / 2;
}

/** Ray casting; a point exactly on the boundary may fall either way, which callers tolerate. */
export function pointInRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const orientation = (a: Position, b: Position, c: Position): number => {
  const value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
};

/** c lies on segment ab, given that the three are collinear. */
const onSegment = (a: Position, b: Position, c: Position): boolean =>
  Math.min(a[0], b[0]) <= c[0] &&
  c[0] <= Math.max(a[0], b[0]) &&
  Math.min(a[1], b[1]) <= c[1] &&
  c[1] <= Math.max(a[1], b[1]);

/** Where segments ab and cd cross or touch (rounded to 7 decimals, about 1 cm), or null. */
function edgesMeet(a: Position, b: Position, c: Position, d: Position): Position | null {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) {
    if (o1 === 0) return c;
    if (o2 === 0) return d;
    if (o3 === 0) return a;
    if (o4 === 0) return b;
    // A proper crossing: the point along ab where it meets cd.
    const denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
    const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / denominator;
    const round = (n: number) => Math.round(n * 1e7) / 1e7;
    return [round(a[0] + t * (b[0] - a[0])), round(a[1] + t * (b[1] - a[1]))];
  }
  if (o1 === 0 && onSegment(a, b, c)) return c;
  if (o2 === 0 && onSegment(a, b, d)) return d;
  if (o3 === 0 && onSegment(c, d, a)) return a;
  if (o4 === 0 && onSegment(c, d, b)) return b;
  return null;
}

/**
 * A position where two edges of the ring cross or touch (a bow-tie, a pinch, a spike that
 * doubles back), or null. Edges are swept in order of their west end, so only edges whose
 * longitudes overlap are compared: fast enough for rings of many thousand positions.
 */
export function findSelfIntersection(ring: Ring): Position | null {
  // Repeated consecutive positions are harmless noise of GIS exports: drop them first.
  const points = ring.filter((p, i) => i === 0 || !samePosition(p, ring[i - 1] as Position));
  const count = points.length - 1; // edges of the closed ring
  if (count < 3) return null;
  const start = (i: number) => points[i] as Position;
  const end = (i: number) => points[i + 1] as Position;
  const adjacent = (i: number, j: number) => Math.abs(i - j) === 1 || Math.abs(i - j) === count - 1;

  const edges = Array.from({ length: count }, (_, i) => ({
    i,
    minX: Math.min(start(i)[0], end(i)[0]),
    maxX: Math.max(start(i)[0], end(i)[0]),
    minY: Math.min(start(i)[1], end(i)[1]),
    maxY: Math.max(start(i)[1], end(i)[1]),
  })).sort((a, b) => a.minX - b.minX);

  for (let m = 0; m < edges.length; m++) {
    const a = edges[m] as (typeof edges)[number];
    for (let n = m + 1; n < edges.length; n++) {
      const b = edges[n] as (typeof edges)[number];
      if (b.minX > a.maxX) break;
      if (b.minY > a.maxY || b.maxY < a.minY) continue;
      if (adjacent(a.i, b.i)) {
        // Neighbours share one end; they are wrong only when they fold back over each other.
        // They fold back when the far ends lie in the same direction on one line from it.
        const [first, second] = a.i < b.i !== Math.abs(a.i - b.i) > 1 ? [a.i, b.i] : [b.i, a.i];
        const [before, shared, after] = [start(first), end(first), end(second)];
        const dot = (before[0] - shared[0]) * (after[0] - shared[0]) + (before[1] - shared[1]) * (after[1] - shared[1]);
        if (orientation(before, shared, after) === 0 && dot > 0) return shared;
        continue;
      }
      const meeting = edgesMeet(start(a.i), end(a.i), start(b.i), end(b.i));
      if (meeting) return meeting;
    }
  }
  return null;
}

/** PostgreSQL polygon literal ((lon,lat),...) of a closed ring: x is longitude, y latitude. */
export function polygonLiteral(ring: Ring): string {
  // The native polygon closes itself, so the repeated last position is left out.
  return `(${ring
    .slice(0, -1)
    .map(([lon, lat]) => `(${lon},${lat})`)
    .join(',')})`;
}
