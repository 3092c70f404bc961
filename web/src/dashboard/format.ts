// Figures in the reader's language: counts, shares as %, hours ("5,5 giờ" / "5.5 h"), and the
// city days of a range. Days are calendar days of the city: they are formatted as UTC dates so
// that the reader's own time zone cannot move them.
import type { SeriesInterval } from '../../../src/shared/dashboard';
import { i18next } from '../i18n';

const locale = () => (i18next.language === 'en' ? 'en-GB' : 'vi-VN');

export function formatCount(count: number): string {
  return new Intl.NumberFormat(locale()).format(count);
}

/** 0.873 → "87%". */
export function formatPercent(share: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** 5.46 → "5,5 giờ" (vi) or "5.5 h" (en). */
export function formatHours(hours: number): string {
  const value = new Intl.NumberFormat(locale(), { maximumFractionDigits: hours < 10 ? 1 : 0 }).format(hours);
  return i18next.t('dashboard:units.hours', { value });
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** "5 thg 3, 2026" / "5 Mar 2026". */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(asDate(day));
}

/** A short label for an axis: "5/3" for a day or a week's Monday, "thg 3 2026" for a month. */
export function formatTick(day: string, interval: SeriesInterval): string {
  const options: Intl.DateTimeFormatOptions =
    interval === 'month' ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'numeric' };
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: 'UTC' }).format(asDate(day));
}

/** One interval of a series in words: "5 thg 3, 2026", "5 – 11 thg 3, 2026", "tháng 3, 2026". */
export function formatInterval(start: string, end: string, interval: SeriesInterval): string {
  if (interval === 'month' && start.slice(8) === '01' && asDate(end).getUTCDate() === lastDayOfMonth(end)) {
    return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(asDate(start));
  }
  if (start === end) return formatDay(start);
  return formatRange(start, end);
}

export function formatRange(from: string, to: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(
    asDate(from),
    asDate(to),
  );
}

function lastDayOfMonth(day: string): number {
  const date = asDate(day);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}
