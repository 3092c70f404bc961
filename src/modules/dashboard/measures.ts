// From added-up counts and histograms to the figures people read: rates and medians, and for
// the public, nothing that rests on so few cases that it would tell about one person.
import type { DashboardMeasures } from '../../shared/dashboard.js';
import { PUBLIC_MIN_COUNT } from '../../shared/dashboard.js';
import type { Counts, GroupFigures } from './aggregate.js';
import { histogramSize, medianHours } from './histogram.js';

export type Audience = 'staff' | 'public';

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export const EMPTY_COUNTS: Counts = {
  received: 0,
  open: 0,
  resolved: 0,
  rejected: 0,
  on_time: 0,
  due_resolved: 0,
  rated: 0,
  satisfied: 0,
  reopened: 0,
  resolved_ever: 0,
};

export const EMPTY_FIGURES = (key: string): GroupFigures => ({
  key,
  ...EMPTY_COUNTS,
  firstResponse: { buckets: [], counts: [] },
  resolve: { buckets: [], counts: [] },
});

/** Hours with two decimals are plenty for a median good to a few per cent. */
const roundHours = (hours: number | null) => (hours === null ? null : Math.round(hours * 100) / 100);

export function toMeasures(figures: GroupFigures, audience: Audience, overdue?: number): DashboardMeasures {
  // the public sees a rate or median only when enough cases stand behind it
  const enough = (base: number) => audience === 'staff' || base >= PUBLIC_MIN_COUNT;
  const rate = (part: number, whole: number) => (enough(whole) ? ratio(part, whole) : null);
  const median = (histogram: GroupFigures['resolve']) =>
    enough(histogramSize(histogram)) ? roundHours(medianHours(histogram)) : null;
  return {
    received: figures.received,
    open: figures.open,
    resolved: figures.resolved,
    rejected: figures.rejected,
    ...(audience === 'staff' ? { overdue: overdue ?? 0 } : {}),
    rated: figures.rated,
    on_time_rate: rate(figures.on_time, figures.due_resolved),
    satisfaction_rate: rate(figures.satisfied, figures.rated),
    reopen_rate: rate(figures.reopened, figures.resolved_ever),
    median_hours_to_first_response: median(figures.firstResponse),
    median_hours_to_resolve: median(figures.resolve),
  };
}
