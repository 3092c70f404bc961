// Medians from the roll-up's duration histograms. A median cannot be added up from parts, a
// histogram can: bucket 0 holds durations under a minute, bucket k >= 1 those from
// 2^((k-1)/B) to 2^(k/B) minutes (B = BUCKETS_PER_DOUBLING). Within its bucket the median is
// placed as percentile_cont would place it among values spread evenly (on a log scale), so the
// answer is within one bucket's width (about 3.5 %) of the exact median, and usually far closer.
import { BUCKETS_PER_DOUBLING } from './contribution.js';

export interface Histogram {
  /** Ascending bucket numbers. */
  buckets: number[];
  /** How many durations fell in each (same order). */
  counts: number[];
}

/** The bucket's bounds in hours. */
export function bucketBounds(bucket: number): [number, number] {
  if (bucket <= 0) return [0, 1 / 60];
  const minutes = (k: number) => 2 ** (k / BUCKETS_PER_DOUBLING);
  return [minutes(bucket - 1) / 60, minutes(bucket) / 60];
}

export function histogramSize(histogram: Histogram): number {
  return histogram.counts.reduce((sum, count) => sum + count, 0);
}

/** The median in hours, as percentile_cont(0.5) over the durations would give it; null when empty. */
export function medianHours(histogram: Histogram): number | null {
  const total = histogramSize(histogram);
  if (total <= 0) return null;
  // percentile_cont's position among the sorted values, 0-based
  const rank = (total - 1) / 2;
  let before = 0;
  for (const [i, count] of histogram.counts.entries()) {
    if (count <= 0) continue;
    if (rank < before + count || i === histogram.counts.length - 1) {
      const [low, high] = bucketBounds(histogram.buckets[i] as number);
      // the values of a bucket sit at (j + 0.5) / count of its width, j = 0 .. count - 1
      const share = Math.min(1, Math.max(0, (rank - before + 0.5) / count));
      return low === 0 ? high * share : low * (high / low) ** share;
    }
    before += count;
  }
  return null;
}
