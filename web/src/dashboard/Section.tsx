// One section of the dashboard: its heading, its "Tải CSV" link (the same question as the
// figures shown), its controls, and the loading, error and empty states of its figures.
import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { EmptyState, ErrorMessage, Loading } from '../ui';
import { csvHref, type Endpoint } from './api';
import { useDashboardContext } from './context';

export function Section({
  title,
  endpoint,
  csvQuery,
  controls,
  children,
}: {
  title: string;
  endpoint: Endpoint;
  /** The section's own parameters (by, interval, resolution) added to the filters. */
  csvQuery?: Record<string, string>;
  controls?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation('dashboard');
  const { audience, query, enabled } = useDashboardContext();
  const headingId = useId();
  return (
    <section className="db-section" aria-labelledby={headingId}>
      <div className="db-section-head">
        <h2 id={headingId}>{title}</h2>
        {enabled && (
          <a className="db-csv" href={csvHref(audience, endpoint, { ...query, ...csvQuery })} download>
            {t('csv')}
            <span className="visually-hidden">{t('csvOf', { what: title })}</span>
          </a>
        )}
      </div>
      {controls && <div className="db-controls">{controls}</div>}
      {children}
    </section>
  );
}

/** The figures once they are there; a spinner, a clear error or an empty state before. */
export function Figures<T>({
  query,
  isEmpty,
  emptyTitle,
  emptyText,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty: (data: T) => boolean;
  emptyTitle?: string;
  emptyText?: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation('dashboard');
  if (query.isPending) return <Loading label={t('loading')} />;
  if (query.isError) return <DashboardError error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data;
  if (isEmpty(data)) {
    return (
      <EmptyState title={emptyTitle ?? t('empty.title')}>
        <p>{emptyText ?? t('empty.text')}</p>
      </EmptyState>
    );
  }
  // while new figures load, the old ones stay, marked busy for assistive technology
  return (
    <div className="db-figures-body" aria-busy={query.isFetching || undefined}>
      {children(data)}
    </div>
  );
}

const KNOWN_ERRORS = [
  'invalid_range',
  'range_too_long',
  'unknown_category',
  'unknown_agency',
  'unknown_area',
  'other_agency',
  'resolution_too_fine',
] as const;

/** The server's refusals said in the reader's language; anything else by its code. */
export function DashboardError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation('dashboard');
  if (error instanceof ApiError && (KNOWN_ERRORS as readonly string[]).includes(error.code)) {
    return <ErrorMessage error={error} text={t(`errors.${error.code}`)} />;
  }
  return <ErrorMessage error={error} onRetry={onRetry} />;
}
