// The list face of the public map: the same reports under the same filters, newest first, a
// page at a time. It is the way in for anyone the map does not serve (screen readers, keyboard
// only, a slow phone), so it covers either the area last seen on the map or the whole city.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorMessage, Loading } from '../../ui';
import type { Bbox, ReportFilters } from './filters';
import { ReportSummary } from './ReportSummary';
import { useReportList } from './reports';

type Scope = 'view' | 'city';

export function ReportList({
  filters,
  filtersValid,
  visibleArea,
}: {
  filters: ReportFilters;
  filtersValid: boolean;
  /** The area the map showed last; null when the map has not been shown. */
  visibleArea: Bbox | null;
}) {
  const { t } = useTranslation('map');
  const [scope, setScope] = useState<Scope>(visibleArea ? 'view' : 'city');
  const bbox = scope === 'view' ? visibleArea : null;
  const list = useReportList(filters, bbox, filtersValid);
  const reports = list.data?.pages.flatMap((page) => page.features) ?? [];

  return (
    <div className="pm-list-view">
      {visibleArea && (
        <fieldset className="pm-scope">
          <legend>{t('list.scope')}</legend>
          {(['view', 'city'] as const).map((value) => (
            <label key={value} className="pm-check">
              <input
                type="radio"
                name="list-scope"
                value={value}
                checked={scope === value}
                onChange={() => setScope(value)}
              />
              {t(`list.scopes.${value}`)}
            </label>
          ))}
        </fieldset>
      )}
      {!filtersValid ? (
        <p className="pm-status">{t('status.fixFilters')}</p>
      ) : list.isPending ? (
        <Loading />
      ) : list.isError && !list.data ? (
        <ErrorMessage error={list.error} onRetry={() => list.refetch()} />
      ) : reports.length === 0 ? (
        <EmptyState title={t('list.empty')}>
          <p>{t('list.emptyHint')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="pm-status" role="status" aria-live="polite">
            {list.hasNextPage
              ? t('list.shownMore', { count: reports.length })
              : t('list.shown', { count: reports.length })}
          </p>
          <ul className="pm-list">
            {reports.map((report) => (
              <li key={report.properties.code} className="card">
                <ReportSummary report={report.properties} headingLevel={2} />
              </li>
            ))}
          </ul>
          {list.isFetchNextPageError && <ErrorMessage error={list.error} onRetry={() => list.fetchNextPage()} />}
          {list.hasNextPage && (
            <button
              type="button"
              className="button secondary"
              disabled={list.isFetchingNextPage}
              onClick={() => list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? t('list.loadingMore') : t('list.more')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
