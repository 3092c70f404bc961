// One of the workspace's lists: loading, failure and empty said in words, then the table with
// as many pages as the person asks for.

import { ClipboardCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorMessage, SkeletonRows } from '../../ui';
import { type CaseListFilter, useAgencyCases } from './api';
import { CaseTable } from './CaseTable';

export function CaseList({
  filter,
  caption,
  emptyTitle,
  emptyText,
}: {
  filter: CaseListFilter;
  caption: string;
  emptyTitle: string;
  emptyText?: string;
}) {
  const { t } = useTranslation('agency');
  const cases = useAgencyCases(filter);
  if (cases.isPending) return <SkeletonRows label={t('list.loading')} rows={4} />;
  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];
  // a later page that failed leaves the pages already shown in place
  if (cases.isError && items.length === 0) {
    return <ErrorMessage error={cases.error} onRetry={() => cases.refetch()} />;
  }
  if (items.length === 0) {
    return (
      <EmptyState title={emptyTitle} icon={ClipboardCheck}>
        {emptyText && <p>{emptyText}</p>}
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <CaseTable cases={items} caption={caption} />
      <p className="muted" aria-live="polite">
        {cases.hasNextPage
          ? t('list.shownSoFar', { count: items.length })
          : t('list.shownAll', { count: items.length })}
      </p>
      {cases.hasNextPage && (
        <button
          type="button"
          className="button secondary"
          disabled={cases.isFetchingNextPage}
          onClick={() => cases.fetchNextPage()}
        >
          {cases.isFetchingNextPage ? t('list.loadingMore') : t('list.loadMore')}
        </button>
      )}
      {cases.isError && <ErrorMessage error={cases.error} onRetry={() => cases.fetchNextPage()} />}
    </div>
  );
}
