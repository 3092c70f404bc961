// The queue's filters: state, category, area, agency, priority, channel, overdue, text, and
// the order. A change applies at once and is written to the URL; the text waits for a pause
// in typing. Agency staff have no agency filter: their queue is their agency's.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATES, CHANNELS } from '../../../../src/shared/cases';
import { PRIORITIES } from '../../../../src/shared/reference-data';
import { Field } from '../../ui';
import { localName } from '../../ui/format';
import { useAgencies, useAreas, useCategories } from './api';
import { activeFilterCount, DEFAULT_FILTERS, type QueueFilters, SORTS } from './filters';

export const SEARCH_INPUT_ID = 'queue-search';
const TYPING_PAUSE_MS = 300;

export function QueueFilterBar({
  filters,
  onChange,
  showAgency,
}: {
  filters: QueueFilters;
  onChange: (patch: Partial<QueueFilters>, options?: { typing?: boolean }) => void;
  showAgency: boolean;
}) {
  const { t } = useTranslation(['queue', 'case']);
  const categories = useCategories();
  const agencies = useAgencies();
  const areas = useAreas();
  const [text, setText] = useState(filters.q);
  const change = useRef(onChange);
  change.current = onChange;

  // the text last written to the URL: a different one came from elsewhere (back button, "clear")
  const written = useRef(filters.q);
  useEffect(() => {
    if (filters.q === written.current) return;
    written.current = filters.q;
    setText(filters.q);
  }, [filters.q]);
  const search = (value: string, typing: boolean) => {
    written.current = value;
    change.current({ q: value }, { typing });
  };
  useEffect(() => {
    if (text === written.current) return;
    const timer = setTimeout(() => {
      written.current = text;
      change.current({ q: text }, { typing: true });
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const select = <K extends keyof QueueFilters>(key: K, label: string, options: [string, string][], all: string) => (
    <Field id={`queue-filter-${key}`} label={label}>
      <select
        id={`queue-filter-${key}`}
        value={(filters[key] as string | null) ?? ''}
        onChange={(event) => onChange({ [key]: event.target.value || null } as Partial<QueueFilters>)}
      >
        <option value="">{all}</option>
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </Field>
  );

  const sortedAreas = [...(areas.data ?? [])].sort(
    (a, b) => a.depth - b.depth || localName(a).localeCompare(localName(b)),
  );
  const active = activeFilterCount(filters);

  return (
    <search className="sq-filters" aria-label={t('filters.label')}>
      <div className="sq-search">
        <Field id={SEARCH_INPUT_ID} label={t('filters.search')} hint={t('filters.searchHint')}>
          <input
            id={SEARCH_INPUT_ID}
            type="search"
            value={text}
            maxLength={200}
            placeholder={t('filters.searchHint')}
            aria-describedby={`${SEARCH_INPUT_ID}-hint`}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') search(text, false);
            }}
          />
        </Field>
      </div>
      <Field id="queue-filter-state" label={t('filters.state')}>
        <select
          id="queue-filter-state"
          value={filters.state}
          onChange={(event) => onChange({ state: event.target.value as QueueFilters['state'] })}
        >
          <option value="open">{t('filters.openStates')}</option>
          <option value="all">{t('filters.allStates')}</option>
          {CASE_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`case:states.${state}`)}
            </option>
          ))}
        </select>
      </Field>
      {select(
        'category',
        t('filters.category'),
        (categories.data ?? []).map((category) => [category.code, localName(category)]),
        t('filters.allCategories'),
      )}
      {select(
        'area',
        t('filters.area'),
        sortedAreas.map((area) => [area.code, localName(area)]),
        t('filters.allAreas'),
      )}
      {showAgency &&
        select(
          'agency',
          t('filters.agency'),
          (agencies.data ?? [])
            .filter((agency) => agency.active || agency.code === filters.agency)
            .map((agency) => [agency.code, localName(agency)]),
          t('filters.allAgencies'),
        )}
      {select(
        'priority',
        t('filters.priority'),
        [...PRIORITIES].reverse().map((priority) => [priority, t(`case:priority.${priority}`)]),
        t('filters.allPriorities'),
      )}
      {select(
        'channel',
        t('filters.channel'),
        CHANNELS.map((channel) => [channel, t(`case:channels.${channel}`)]),
        t('filters.allChannels'),
      )}
      <Field id="queue-sort" label={t('filters.sort')}>
        <select
          id="queue-sort"
          value={filters.sort}
          onChange={(event) => onChange({ sort: event.target.value as QueueFilters['sort'] })}
        >
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`filters.sorts.${sort}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="sq-filter-end">
        <label className="sq-check">
          <input
            type="checkbox"
            checked={filters.overdue}
            onChange={(event) => onChange({ overdue: event.target.checked })}
          />
          {t('filters.overdue')}
        </label>
        {active > 0 && (
          <button
            type="button"
            className="button link"
            onClick={() => onChange({ ...DEFAULT_FILTERS, sort: filters.sort })}
          >
            {t('filters.clear', { count: active })}
          </button>
        )}
      </div>
    </search>
  );
}
