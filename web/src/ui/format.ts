// Dates and numbers in the reader's language.
import { i18next } from '../i18n';

const locale = () => (i18next.language === 'en' ? 'en-GB' : 'vi-VN');

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso));
}

/** "3 hours ago", "in 2 days". */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds), 'second');
}

/** A name in the reader's language from an object with name_vi and name_en. */
export function localName(named: { name_vi: string; name_en: string } | null | undefined): string {
  if (!named) return '';
  return i18next.language === 'en' ? named.name_en : named.name_vi;
}
