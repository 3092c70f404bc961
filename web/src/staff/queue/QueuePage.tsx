// The IOC queue (and an agency's, with the same screen: the server limits agency roles to
// their agency): filters kept in the URL, urgent cases first, live updates without reload,
// and a split layout for fast triage: the list on the left, the selected case on the right.
import { useQueryClient } from '@tanstack/react-query';
import { Inbox, SearchX } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorMessage, Page, SkeletonRows } from '../../ui';
import { localName } from '../../ui/format';
import { StaffCaseView } from '../case/StaffCaseView';
import { AGENCY } from '../shell/StaffLayout';
import { useStaff } from '../shell/useStaff';
import { QUEUE_KEY, useQueue } from './api';
import { activeFilterCount, DEFAULT_FILTERS } from './filters';
import { LiveStatus } from './LiveStatus';
import { QueueFilterBar, SEARCH_INPUT_ID } from './QueueFilterBar';
import { QueueTable, rowButtonId } from './QueueTable';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useLiveQueue } from './useLiveQueue';
import { useQueueParams } from './useQueueParams';
import { useQueueShortcuts } from './useQueueShortcuts';

/** After the selection moved: the row's button takes focus (screen readers follow) and comes into view. */
function focusRow(caseId: string) {
  requestAnimationFrame(() => {
    const button = document.getElementById(rowButtonId(caseId));
    button?.focus({ preventScroll: true });
    button?.scrollIntoView({ block: 'nearest' });
  });
}

export default function QueuePage() {
  const { t } = useTranslation('queue');
  const staff = useStaff();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { filters, setFilters, selectedId, select, search } = useQueueParams();
  const queue = useQueue(filters);
  const live = useLiveQueue();
  const [helpOpen, setHelpOpen] = useState(false);
  const list = useRef<HTMLElement>(null);
  const cases = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);
  const isAgency = AGENCY.includes(staff.role);

  const choose = (caseId: string) => {
    select(caseId);
    live.markSeen(caseId);
  };
  const move = (step: 1 | -1) => {
    if (cases.length === 0) return;
    const index = cases.findIndex((item) => item.id === selectedId);
    const target = index < 0 ? 0 : Math.min(Math.max(index + step, 0), cases.length - 1);
    // at the end of what is loaded, j asks for the next page
    if (index === cases.length - 1 && step === 1 && queue.hasNextPage) void queue.fetchNextPage();
    const next = cases[target];
    if (!next) return;
    choose(next.id);
    focusRow(next.id);
  };

  useQueueShortcuts(
    {
      next: () => move(1),
      previous: () => move(-1),
      open: () => {
        if (selectedId) navigate(`/staff/cases/${selectedId}`);
      },
      search: () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
      help: () => setHelpOpen(true),
    },
    list,
  );

  const filtered = activeFilterCount(filters) > 0;
  let content: React.ReactNode;
  if (queue.isPending) content = <SkeletonRows label={t('list.loading')} rows={8} />;
  else if (queue.isError && cases.length === 0)
    content = <ErrorMessage error={queue.error} onRetry={() => queue.refetch()} />;
  else if (cases.length === 0)
    content = (
      <EmptyState title={filtered ? t('list.emptyFiltered') : t('list.empty')} icon={filtered ? SearchX : Inbox}>
        <p>{filtered ? t('list.emptyFilteredText') : t('list.emptyText')}</p>
        {filtered && (
          <button
            type="button"
            className="button secondary"
            onClick={() => setFilters({ ...DEFAULT_FILTERS, sort: filters.sort })}
          >
            {t('list.clearFilters')}
          </button>
        )}
      </EmptyState>
    );
  else
    content = (
      <>
        <QueueTable
          cases={cases}
          selectedId={selectedId}
          freshIds={live.freshIds}
          onSelect={choose}
          caption={t('list.caption', { count: cases.length })}
        />
        <div className="sq-more">
          <p className="muted sq-shown">
            {queue.hasNextPage
              ? t('list.shownMore', { count: cases.length })
              : t('list.shownAll', { count: cases.length })}
          </p>
          {queue.hasNextPage && (
            <button
              type="button"
              className="button secondary"
              disabled={queue.isFetchingNextPage}
              onClick={() => void queue.fetchNextPage()}
            >
              {queue.isFetchingNextPage ? t('list.loadingMore') : t('list.loadMore')}
            </button>
          )}
          {queue.isError && <ErrorMessage error={queue.error} onRetry={() => queue.refetch()} />}
        </div>
      </>
    );

  return (
    <Page
      title={isAgency && staff.agency ? t('titleAgency', { agency: localName(staff.agency) }) : t('title')}
      actions={
        <div className="sq-actions">
          <LiveStatus live={live} />
          <Link to={`/staff/map${search ? `?${search}` : ''}`}>{t('toMap')}</Link>
          <button type="button" className="button link" aria-haspopup="dialog" onClick={() => setHelpOpen(true)}>
            {t('shortcuts.button')}
          </button>
        </div>
      }
    >
      <QueueFilterBar filters={filters} onChange={setFilters} showAgency={!isAgency} />
      <p className="hint sq-keys">{t('shortcuts.summary')}</p>
      <div className="sq-split">
        <section ref={list} className="sq-list" aria-labelledby="queue-list-title">
          <h2 id="queue-list-title" className="visually-hidden">
            {t('list.title')}
          </h2>
          {content}
        </section>
        <section className="sq-detail" aria-labelledby="queue-detail-title">
          <h2 id="queue-detail-title" className="visually-hidden">
            {t('detail.title')}
          </h2>
          {selectedId ? (
            <>
              <p className="sq-detail-bar">
                <Link to={`/staff/cases/${selectedId}`}>{t('detail.openFull')}</Link>
              </p>
              <StaffCaseView
                caseId={selectedId}
                onChanged={() => void client.invalidateQueries({ queryKey: QUEUE_KEY })}
              />
            </>
          ) : (
            <EmptyState title={t('detail.none')}>
              <p>{t('detail.noneHint')}</p>
            </EmptyState>
          )}
        </section>
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </Page>
  );
}
