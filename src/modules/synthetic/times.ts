// When synthetic reports are made: more of them recently, fewer at night and at the weekend.
import { type Random, WeightedChoice } from './random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Reports per hour of the local day: mornings and late afternoons are busiest. */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.3, 0.5, 1.5, 4, 7, 8, 8, 7, 6, 5, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2];
/** Sunday first: fewer reports at the weekend. */
const WEEKDAY_WEIGHTS = [0.65, 1, 1, 1, 1, 0.95, 0.8];

/** Minutes east of UTC in the zone at that moment. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** When the reports were made: sorted instants over the period, more recent days busier. */
export function submissionTimes(
  random: Random,
  count: number,
  years: number,
  now: number,
  timeZone: string,
): Float64Array {
  const days = Math.max(1, Math.round(years * 365));
  // today's offset for every day: a zone with summer time sees its nights shifted by an hour
  // half the year, which a synthetic city does not mind (Huế has none)
  const offset = zoneOffsetMinutes(timeZone, new Date(now)) * 60_000;
  // local midnight of the first day, as an instant
  const todayStart = Math.floor((now + offset) / DAY) * DAY - offset;
  const firstDay = todayStart - (days - 1) * DAY;
  const weights = Array.from({ length: days }, (_, i) => {
    const start = firstDay + i * DAY;
    const weekday = new Date(start + offset).getUTCDay();
    const month = new Date(start + offset).getUTCMonth();
    const growth = 1 + (2 * i) / days;
    return (
      growth * (WEEKDAY_WEIGHTS[weekday] as number) * (month >= 9 && month <= 10 ? 1.3 : 1) * random.logNormal(1, 0.15)
    );
  });
  const dayChoice = new WeightedChoice(weights);
  const hourChoice = new WeightedChoice(HOUR_WEIGHTS);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let at: number;
    do {
      at = firstDay + dayChoice.draw(random) * DAY + hourChoice.draw(random) * HOUR + random.next() * HOUR;
    } while (at >= now);
    times[i] = at;
  }
  return times.sort();
}
