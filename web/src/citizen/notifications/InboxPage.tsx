// The citizen's notifications, newest first, a page at a time: all or unread only, each
// marked read when opened or on request, or all at once. The badge follows (same query key).

import { BellOff } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { savedForOffline } from '../../api/offlineCache';
import { useOnline } from '../../app/useOnline';
import { EmptyState, ErrorMessage, OfflineNote, Page, SkeletonRows } from '../../ui';
import { useInbox, useMarkRead } from './api';
import { NotificationRow } from './NotificationRow';

export default function InboxPage() {
  const { t } = useTranslation('notifications');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox(unreadOnly);
  const markRead = useMarkRead();
  const online = useOnline();

  const unread = inbox.data?.pages[0]?.unread ?? 0;
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];

  const filter = (
    <fieldset className="row inbox-filter">
      <legend className="visually-hidden">{t('filterLabel')}</legend>
      <button
        type="button"
        className="button secondary"
        aria-pressed={!unreadOnly}
        onClick={() => setUnreadOnly(false)}
      >
        {t('all')}
      </button>
      <button type="button" className="button secondary" aria-pressed={unreadOnly} onClick={() => setUnreadOnly(true)}>
        {t('unreadOnly')}
      </button>
    </fieldset>
  );

  return (
    <Page
      title={t('title')}
      actions={
        inbox.data && (
          // aria-disabled, not disabled: the button keeps focus once everything is read
          <button
            type="button"
            className="button secondary inbox-mark-all"
            aria-disabled={unread === 0 || markRead.isPending}
            onClick={() => unread > 0 && !markRead.isPending && markRead.mutate('all')}
          >
            {t('markAllRead')}
          </button>
        )
      }
    >
      <p className="inbox-summary" role="status">
        {inbox.data ? (unread > 0 ? t('unreadCount', { count: unread }) : t('noneUnread')) : ''}
      </p>
      {!online && (
        <OfflineNote
          savedAt={
            !inbox.data ? undefined : inbox.isPlaceholderData ? savedForOffline('inbox')?.savedAt : inbox.dataUpdatedAt
          }
        />
      )}
      {filter}
      {markRead.isError && <ErrorMessage error={markRead.error} />}
      {!inbox.data ? (
        !online ? null : inbox.isError ? (
          <ErrorMessage error={inbox.error} onRetry={() => inbox.refetch()} />
        ) : (
          <SkeletonRows label={t('loading')} rows={4} />
        )
      ) : items.length === 0 ? (
        <EmptyState title={unreadOnly ? t('emptyUnreadTitle') : t('emptyTitle')} icon={BellOff}>
          <p>{t('emptyText')}</p>
          <Link to="/reports">{t('toMyReports')}</Link>
        </EmptyState>
      ) : (
        <>
          <ul className="inbox-list">
            {items.map((item) => (
              <NotificationRow
                key={item.id}
                item={item}
                busy={markRead.isPending}
                onMarkRead={(id) => markRead.mutate([id])}
              />
            ))}
          </ul>
          {inbox.isFetchNextPageError && <ErrorMessage error={inbox.error} onRetry={() => inbox.fetchNextPage()} />}
          {inbox.hasNextPage && (
            <button
              type="button"
              className="button secondary mr-load-more"
              onClick={() => inbox.fetchNextPage()}
              disabled={inbox.isFetchingNextPage}
            >
              {inbox.isFetchingNextPage ? t('loadingMore') : t('loadMore')}
            </button>
          )}
        </>
      )}
    </Page>
  );
}
