// The citizen's reports, newest first, a page at a time: each with its state and deadline,
// and the ones waiting for the citizen called out in words. Above them, the reports still on
// this device waiting to be sent; offline, the list saved at the last visit, said as such.
import { ClipboardList, Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { savedForOffline } from '../../api/offlineCache';
import { useMe } from '../../api/session';
import { useOnline } from '../../app/useOnline';
import { EmptyState, ErrorMessage, OfflineNote, Page, SkeletonRows } from '../../ui';
import { OutboxList } from '../outbox/OutboxList';
import { useOutbox } from '../outbox/useOutbox';
import { useMyReports } from './api';
import { ReportCard } from './ReportCard';

/** When the list shown was saved: the copy's time while it stands in, else the server's answer's. */
const savedAt = (query: { isPlaceholderData: boolean; dataUpdatedAt: number }) =>
  query.isPlaceholderData ? savedForOffline('my-reports')?.savedAt : query.dataUpdatedAt;

export default function MyReportsPage() {
  const { t } = useTranslation('cases');
  const reports = useMyReports();
  const me = useMe();
  const online = useOnline();
  const waiting = useOutbox(me.data?.id);
  const outbox = <OutboxList outbox={waiting} />;
  const newReport = (
    <Link to="/report" className="button primary">
      <Plus className="icon" aria-hidden="true" size="1.125em" /> {t('list.newReport')}
    </Link>
  );

  // a failed next page keeps the pages already shown: only a first page that failed is an error page
  if (!reports.data) {
    return (
      <Page title={t('list.title')}>
        {!online ? (
          <OfflineNote />
        ) : reports.isError ? (
          <ErrorMessage error={reports.error} onRetry={() => reports.refetch()} />
        ) : (
          <SkeletonRows label={t('list.loading')} rows={3} />
        )}
        {outbox}
      </Page>
    );
  }

  const items = reports.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Page title={t('list.title')}>
        {!online && <OfflineNote savedAt={savedAt(reports)} />}
        {outbox}
        <EmptyState title={t('list.emptyTitle')} icon={ClipboardList}>
          <p>{t('list.emptyText')}</p>
          {newReport}
        </EmptyState>
      </Page>
    );
  }

  return (
    <Page title={t('list.title')} actions={newReport}>
      {!online && <OfflineNote savedAt={savedAt(reports)} />}
      {outbox}
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
