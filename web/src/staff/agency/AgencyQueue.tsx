// The agency's desk: its open cases (or one state of them), soonest deadline first unless the
// person sorts otherwise. The choices stay in the address so that a reload keeps them.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { CaseState } from '../../../../src/shared/cases';
import { AGENCY_OPEN_STATES, AGENCY_SORTS, type AgencySort } from './api';
import { CaseList } from './CaseList';

const STATE_CHOICES: readonly CaseState[] = [...AGENCY_OPEN_STATES, 'resolved'];

export function AgencyQueue() {
  const { t } = useTranslation(['agency', 'case']);
  const id = useId();
  const [params, setParams] = useSearchParams();
  const chosenState = STATE_CHOICES.find((state) => state === params.get('state')) ?? null;
  const sort: AgencySort = AGENCY_SORTS.find((value) => value === params.get('sort')) ?? 'due';
  const change = (key: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="stack">
      <div className="ag-filters">
        <div className="field">
          <label htmlFor={`${id}-state`}>{t('queue.state')}</label>
          <select
            id={`${id}-state`}
            value={chosenState ?? ''}
            onChange={(event) => change('state', event.target.value || null)}
          >
            <option value="">{t('queue.allOpen')}</option>
            {STATE_CHOICES.map((state) => (
              <option key={state} value={state}>
                {t(`case:states.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t('queue.sort')}</label>
          <select id={`${id}-sort`} value={sort} onChange={(event) => change('sort', event.target.value)}>
            {AGENCY_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`queue.sorts.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <CaseList
        filter={{ states: chosenState ? [chosenState] : AGENCY_OPEN_STATES, sort }}
        caption={t('queue.caption')}
        emptyTitle={chosenState ? t('queue.emptyState') : t('queue.empty')}
        emptyText={chosenState ? t('queue.emptyStateText') : t('queue.emptyText')}
      />
    </div>
  );
}
