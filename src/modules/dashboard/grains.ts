// The groupings the roll-up keeps. A grain is a set of dimensions; its number is the bit mask
// PostgreSQL's GROUPING() gives over (category, agency, area, channel, cell): a bit is set when
// the dimension is left out. A question is answered from the smallest grain holding every
// dimension it filters or groups by; a rarer combination is computed from the cases.

export const DIMENSIONS = ['category', 'agency', 'area', 'channel', 'cell'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The roll-up column of each dimension. */
export const DIMENSION_COLUMN: Record<Dimension, string> = {
  category: 'category_id',
  agency: 'agency_id',
  area: 'area_id',
  channel: 'channel',
  cell: 'cell',
};

export interface Grain {
  dims: readonly Dimension[];
  /** GROUPING() of a row of this grain. */
  mask: number;
  /** Kept per day as well as per month (otherwise per month only). */
  daily: boolean;
  /** Holds the duration histograms (the heat map's grains count cases only). */
  durations: boolean;
}

function maskOf(dims: readonly Dimension[]): number {
  return DIMENSIONS.reduce(
    (mask, dim, i) => (dims.includes(dim) ? mask : mask | (1 << (DIMENSIONS.length - 1 - i))),
    0,
  );
}

const grain = (dims: Dimension[], daily: boolean, durations = true): Grain => ({
  dims,
  mask: maskOf(dims),
  daily,
  durations,
});

/**
 * Smallest first. The whole city and each single dimension are kept per day (any date range
 * is read from months plus a few days); pairs and the heat map per month, their odd days at a
 * range's edges computed from the cases. A filtered heat map is computed from the cases: per
 * month, squares by category would be about as many rows as there are cases.
 */
export const GRAINS: readonly Grain[] = [
  grain([], true),
  grain(['channel'], true),
  grain(['category'], true),
  grain(['area'], true),
  grain(['agency'], true),
  grain(['agency', 'category'], false),
  grain(['agency', 'area'], false),
  grain(['category', 'area'], false),
  grain(['cell'], false, false),
];

/** The smallest grain holding all the given dimensions (and durations, if asked), or null: computed from the cases. */
export function grainFor(needed: ReadonlySet<Dimension>, durations: boolean): Grain | null {
  return GRAINS.find((g) => (g.durations || !durations) && [...needed].every((dim) => g.dims.includes(dim))) ?? null;
}

/** The GROUPING SETS clause of the given grains, in roll-up columns. */
export function groupingSetsSql(grains: readonly Grain[]): string {
  return `GROUPING SETS (${grains.map((g) => `(${g.dims.map((d) => DIMENSION_COLUMN[d]).join(', ')})`).join(', ')})`;
}
