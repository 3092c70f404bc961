// The heat map's scale: up to five classes of report counts, wider as counts grow (a few
// hexagons hold most reports), each with a colour, a word and its numbers, so that the
// legend never relies on colour alone.
export const LEVELS = ['veryLow', 'low', 'medium', 'high', 'veryHigh'] as const;
export type Level = (typeof LEVELS)[number];

/** Yellow to dark red (ColorBrewer YlOrRd): light on the basemap, in an order the eye reads as more. */
const PALETTE = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

export interface HeatClass {
  min: number;
  max: number;
  color: string;
  level: Level;
}

/** Classes covering min..max, with bounds growing geometrically. */
export function heatClasses(max: number, min = 1): HeatClass[] {
  if (max < min) return [];
  const bounds: [number, number][] = [];
  const wanted = Math.min(LEVELS.length, max - min + 1);
  let lower = min;
  for (let i = 1; i <= wanted && lower <= max; i += 1) {
    const geometric = Math.round(min * (max / min) ** (i / wanted));
    const upper = i === wanted ? max : Math.min(max, Math.max(lower, geometric));
    bounds.push([lower, upper]);
    lower = upper + 1;
  }
  const last = bounds.length - 1;
  return bounds.map(([low, high], i) => {
    // spread the classes over the whole palette, so that the top class is always the darkest
    const step = last === 0 ? 2 : Math.round((i * (PALETTE.length - 1)) / last);
    return { min: low, max: high, color: PALETTE[step] as string, level: LEVELS[step] as Level };
  });
}

export function classOf(classes: readonly HeatClass[], count: number): HeatClass | undefined {
  return classes.find((heat) => count >= heat.min && count <= heat.max) ?? classes[classes.length - 1];
}
