// Filters for the public map and list: category, state and a range of days. A change applies
// at once (it is written to the URL); a range that runs backwards is said in words on the field
// and nothing is asked of the server until it is fixed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories } from '../../api/reference';
import { describedBy, Field } from '../../ui';
import { localName } from '../../ui/format';
import { activeFilterCount, type FilterProblems, type ReportFilters, STATE_FILTERS, type StateFilter } from './filters';

export function FilterBar({
  filters,
  problems,
  onChange,
}: {
  filters: ReportFilters;
  problems: FilterProblems;
  onChange: (patch: Partial<ReportFilters>) => void;
}) {
  const { t } = useTranslation('map');
  const categories = useCategories();
  const active = activeFilterCount(filters);
  const [open, setOpen] = useState(active > 0);
  const fromError = problems.from ? t(`filters.${problems.from}`) : null;
  const toError = problems.to ? t(`filters.${problems.to}`) : null;
  const shownOpen = open || Boolean(fromError || toError);

  return (
    <details className="pm-filters" open={shownOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{active > 0 ? t('filters.titleActive', { count: active }) : t('filters.title')}</summary>
      <div className="pm-filters-body">
        <Field id="filter-category" label={t('filters.category')}>
          <select
            id="filter-category"
            value={filters.category ?? ''}
            onChange={(event) => onChange({ category: event.target.value || null })}
          >
            <option value="">{t('filters.allCategories')}</option>
            {(categories.data ?? [])
              .filter((category) => category.active || category.code === filters.category)
              .map((category) => (
                <option key={category.code} value={category.code}>
                  {localName(category)}
                </option>
              ))}
          </select>
        </Field>
        <Field id="filter-state" label={t('filters.state')}>
          <select
            id="filter-state"
            value={filters.state}
            onChange={(event) => onChange({ state: event.target.value as StateFilter })}
          >
            {STATE_FILTERS.map((state) => (
              <option key={state} value={state}>
                {t(`filters.states.${state}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="pm-filters-dates">
          <Field id="filter-from" label={t('filters.from')} error={fromError}>
            <input
              id="filter-from"
              type="date"
              value={filters.from ?? ''}
              onChange={(event) => onChange({ from: event.target.value || null })}
              {...describedBy('filter-from', undefined, fromError)}
            />
          </Field>
          <Field id="filter-to" label={t('filters.to')} error={toError}>
            <input
              id="filter-to"
              type="date"
              value={filters.to ?? ''}
              onChange={(event) => onChange({ to: event.target.value || null })}
              {...describedBy('filter-to', undefined, toError)}
            />
          </Field>
        </div>
        {active > 0 && (
          <button
            type="button"
            className="button link"
            onClick={() => onChange({ category: null, state: 'all', from: null, to: null })}
          >
            {t('filters.clear')}
          </button>
        )}
      </div>
    </details>
  );
}
