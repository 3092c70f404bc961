// Shares and durations in the reader's language (the figures of the agency workspace use them too).
import { i18next } from '../../i18n';

const locale = () => (i18next.language === 'en' ? 'en-GB' : 'vi-VN');

/** 0.873 → "87 %" (vi) or "87%" (en). */
export function formatPercent(share: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Hours as a person says them: "45 minutes", "5.5 hours", "3 days". */
export function formatHours(hours: number): string {
  const unit = (value: number, name: 'minute' | 'hour' | 'day', digits: number) =>
    new Intl.NumberFormat(locale(), {
      style: 'unit',
      unit: name,
      unitDisplay: 'long',
      maximumFractionDigits: digits,
    }).format(value);
  if (hours < 1) return unit(Math.max(1, Math.round(hours * 60)), 'minute', 0);
  if (hours < 48) return unit(hours, 'hour', 1);
  return unit(hours / 24, 'day', 1);
}

export function formatCount(count: number): string {
  return new Intl.NumberFormat(locale()).format(count);
}
