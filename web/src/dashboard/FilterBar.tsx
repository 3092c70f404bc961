// The dashboard's question: a date range (three presets or two dates) and the category,
// agency, area and channel filters. Every change goes to the URL at once; a range that cannot
// be (the start after the end) is said next to the dates and nothing is asked.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../../src/shared/cases';
import { CHANNEL_NAMES, MAX_RANGE_DAYS } from '../../../src/shared/dashboard';
import { describedBy, Field } from '../ui';
import { localName } from '../ui/format';
import { useAgencies, useAreas, useCategories } from './api';
import {
  cityToday,
  type DashboardFilters,
  isDay,
  PRESETS,
  presetRange,
  type RangePreset,
  type RangeProblem,
} from './filters';
import { formatDay } from './format';
import type { ParamsPatch } from './useDashboardParams';

export function FilterBar({
  filters,
  problem,
  range,
  timeZone,
  change,
  showAgency,
}: {
  filters: DashboardFilters;
  problem: RangeProblem | null;
  /** The range the server answered for: fills the dates the URL leaves out. */
  range: { from: string; to: string } | null;
  timeZone: string;
  change: (patch: ParamsPatch) => void;
  showAgency: boolean;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const id = useId();
  const categories = useCategories();
  const agencies = useAgencies();
  const areas = useAreas();
  const language = i18n.language === 'en' ? 'en' : 'vi';

  const today = cityToday(timeZone);
  const shownFrom = filters.from ?? range?.from ?? '';
  const shownTo = filters.to ?? range?.to ?? '';
  const activePreset =
    filters.from === null && filters.to === null
      ? 'days30'
      : PRESETS.find((preset) => {
          const span = presetRange(preset, today);
          return span.from === shownFrom && span.to === shownTo;
        });

  const shownDay = (day: string | null) => (day && isDay(day) ? formatDay(day) : (day ?? ''));
  const rangeError = problem
    ? t(`range.${problem}`, { max: MAX_RANGE_DAYS, from: shownDay(filters.from), to: shownDay(filters.to) })
    : null;

  const select = (key: 'category' | 'agency' | 'area' | 'channel', options: [string, string][], loaded: boolean) => {
    const value = filters[key] ?? '';
    // a code from the URL that is not (yet) in the list still shows as chosen
    const known = value === '' || !loaded || options.some(([code]) => code === value);
    return (
      <Field id={`${id}-${key}`} label={t(`filters.${key}`)}>
        <select id={`${id}-${key}`} value={value} onChange={(event) => change({ [key]: event.target.value || null })}>
          <option value="">{t(`filters.all.${key}`)}</option>
          {!known && <option value={value}>{value}</option>}
          {options.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </Field>
    );
  };

  const sortedAreas = [...(areas.data ?? [])].sort(
    (a, b) => a.depth - b.depth || localName(a).localeCompare(localName(b), language),
  );

  return (
    <search className="db-filters" aria-label={t('filters.label')}>
      <fieldset className="db-range">
        <legend>{t('range.legend')}</legend>
        <div className="db-presets">
          {PRESETS.map((preset: RangePreset) => (
            <button
              key={preset}
              type="button"
              className="button secondary db-preset"
              aria-pressed={activePreset === preset}
              onClick={() =>
                // the 30 days are the server's default: an empty URL says the same and stays current
                change(preset === 'days30' ? { from: null, to: null } : presetRange(preset, today))
              }
            >
              {t(`range.presets.${preset}`)}
            </button>
          ))}
        </div>
        <div className="db-dates">
          <DayInput
            id={`${id}-from`}
            label={t('range.from')}
            value={shownFrom}
            error={problem === 'badFrom' ? rangeError : null}
            onDay={(day) => change({ from: day })}
          />
          <DayInput
            id={`${id}-to`}
            label={t('range.to')}
            value={shownTo}
            error={problem && problem !== 'badFrom' ? rangeError : null}
            onDay={(day) => change({ to: day })}
          />
        </div>
      </fieldset>
      <div className="db-selects">
        {select(
          'category',
          (categories.data ?? []).map((category) => [category.code, localName(category)]),
          categories.isSuccess,
        )}
        {showAgency &&
          select(
            'agency',
            (agencies.data ?? [])
              .filter((agency) => agency.active || agency.code === filters.agency)
              .map((agency) => [agency.code, localName(agency)]),
            agencies.isSuccess,
          )}
        {select(
          'area',
          sortedAreas.map((area) => [area.code, localName(area)]),
          areas.isSuccess,
        )}
        {select(
          'channel',
          CHANNELS.map((channel) => [channel, CHANNEL_NAMES[channel][language]]),
          true,
        )}
      </div>
    </search>
  );
}

/** A date field: a whole day is written to the URL; a half-typed one waits. */
function DayInput({
  id,
  label,
  value,
  error,
  onDay,
}: {
  id: string;
  label: string;
  value: string;
  error: string | null;
  onDay: (day: string | null) => void;
}) {
  const [text, setText] = useState(isDay(value) ? value : '');
  useEffect(() => setText(isDay(value) ? value : ''), [value]);
  return (
    <Field id={id} label={label} error={error}>
      <input
        id={id}
        type="date"
        value={text}
        {...describedBy(id, undefined, error)}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          if (next === '' || isDay(next)) onDay(next || null);
        }}
      />
    </Field>
  );
}
