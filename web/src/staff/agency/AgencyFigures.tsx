// How the agency is doing, from what the timeline recorded: received, open and resolved
// cases, response and resolution times, the share resolved on time, citizens' satisfaction.
// A figure without enough cases behind it says so instead of showing a number.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorMessage, Loading } from '../../ui';
import { formatCount, formatHours, formatPercent } from '../case/numbers';
import { type Period, useAgencyMeasures } from './api';

const PERIODS: readonly Period[] = [7, 30, 90, 365, null];

function Figure({ label, value, note }: { label: string; value: string | null; note?: string }) {
  const { t } = useTranslation('agency');
  return (
    <div className="ag-figure">
      <dt>{label}</dt>
      <dd>
        {value === null ? <span className="ag-figure-none">{t('figures.notEnough')}</span> : <strong>{value}</strong>}
        {note && <span className="ag-figure-note">{note}</span>}
      </dd>
    </div>
  );
}

export function AgencyFigures({ agencyCode }: { agencyCode: string }) {
  const { t } = useTranslation('agency');
  const id = useId();
  const [period, setPeriod] = useState<Period>(30);
  const measures = useAgencyMeasures(agencyCode, period);
  const periodText = period === null ? t('figures.allTime') : t('figures.lastDays', { count: period });

  return (
    <div className="stack">
      <div className="ag-filters">
        <div className="field">
          <label htmlFor={`${id}-period`}>{t('figures.period')}</label>
          <select
            id={`${id}-period`}
            value={period ?? 'all'}
            onChange={(event) =>
              setPeriod(event.target.value === 'all' ? null : (Number(event.target.value) as Period))
            }
          >
            {PERIODS.map((value) => (
              <option key={value ?? 'all'} value={value ?? 'all'}>
                {value === null ? t('figures.allTime') : t('figures.lastDays', { count: value })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {measures.isPending ? (
        <Loading label={t('figures.loading')} />
      ) : measures.isError ? (
        <ErrorMessage error={measures.error} onRetry={() => measures.refetch()} />
      ) : measures.data.received === 0 ? (
        <EmptyState title={t('figures.emptyTitle')}>
          <p>{t('figures.emptyText', { period: periodText })}</p>
        </EmptyState>
      ) : (
        <dl className="ag-figures">
          <Figure label={t('figures.received')} value={formatCount(measures.data.received)} />
          <Figure label={t('figures.open')} value={formatCount(measures.data.open)} />
          <Figure label={t('figures.resolved')} value={formatCount(measures.data.resolved)} />
          <Figure
            label={t('figures.onTime')}
            value={measures.data.on_time_rate === null ? null : formatPercent(measures.data.on_time_rate)}
          />
          <Figure
            label={t('figures.firstResponse')}
            value={
              measures.data.median_hours_to_first_response === null
                ? null
                : formatHours(measures.data.median_hours_to_first_response)
            }
            note={t('figures.median')}
          />
          <Figure
            label={t('figures.toResolve')}
            value={
              measures.data.median_hours_to_resolve === null ? null : formatHours(measures.data.median_hours_to_resolve)
            }
            note={t('figures.median')}
          />
          <Figure
            label={t('figures.satisfaction')}
            value={measures.data.satisfaction_rate === null ? null : formatPercent(measures.data.satisfaction_rate)}
            note={measures.data.rated > 0 ? t('figures.rated', { count: measures.data.rated }) : undefined}
          />
          <Figure
            label={t('figures.reopened')}
            value={measures.data.reopen_rate === null ? null : formatPercent(measures.data.reopen_rate)}
          />
        </dl>
      )}
    </div>
  );
}
