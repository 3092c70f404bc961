// The citizen's reports, newest first, a page at a time: each with its state and deadline,
// and the ones waiting for the citizen called out in words.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorMessage, Loading, Page } from '../../ui';
import { useMyReports } from './api';
import { ReportCard } from './ReportCard';

export default function MyReportsPage() {
  const { t } = useTranslation('cases');
  const reports = useMyReports();
  const newReport = (
    <Link to="/report" className="button primary">
      <span aria-hidden="true">＋</span> {t('list.newReport')}
    </Link>
  );

  // a failed next page keeps the pages already shown: only a first page that failed is an error page
  if (!reports.data) {
    return (
      <Page title={t('list.title')}>
        {reports.isError ? (
          <ErrorMessage error={reports.error} onRetry={() => reports.refetch()} />
        ) : (
          <Loading label={t('list.loading')} />
        )}
      </Page>
    );
  }

  const items = reports.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Page title={t('list.title')}>
        <EmptyState title={t('list.emptyTitle')}>
          <p>{t('list.emptyText')}</p>
          {newReport}
        </EmptyState>
      </Page>
    );
  }

  return (
    <Page title={t('list.title')} actions={newReport}>
      <p className="muted" aria-live="polite">
        {reports.hasNextPage
          ? t('list.shownSoFar', { count: items.length })
          : t('list.shownAll', { count: items.length })}
      </p>
      <ul className="mr-report-list">
        {items.map((report) => (
          <ReportCard key={report.id} report={report} />
        ))}
      </ul>
      {reports.isFetchNextPageError && <ErrorMessage error={reports.error} onRetry={() => reports.fetchNextPage()} />}
      {reports.hasNextPage && (
        <button
          type="button"
          className="button secondary mr-load-more"
          onClick={() => reports.fetchNextPage()}
          disabled={reports.isFetchingNextPage}
        >
          {reports.isFetchingNextPage ? t('list.loadingMore') : t('list.loadMore')}
        </button>
      )}
    </Page>
  );
}
