// Paging controls: "previous / next" with where the reader is. Lists the server pages by
// cursor keep the cursors seen (useCursorPages); short lists held whole are paged here
// (usePagedList), so that a long table never scrolls forever.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function Pager({
  page,
  pageCount,
  hasNext,
  onPrevious,
  onNext,
  busy = false,
}: {
  /** 1-based. */
  page: number;
  /** Unknown with cursors: only whether there is a next page. */
  pageCount?: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy?: boolean;
}) {
  const { t } = useTranslation('admin');
  if (page === 1 && !hasNext) return null;
  return (
    <nav className="row adm-pager" aria-label={t('pager.label')}>
      <button type="button" className="button secondary" onClick={onPrevious} disabled={page <= 1 || busy}>
        {t('pager.previous')}
      </button>
      <span aria-live="polite">
        {pageCount ? t('pager.pageOf', { page, count: pageCount }) : t('pager.page', { page })}
      </span>
      <button type="button" className="button secondary" onClick={onNext} disabled={!hasNext || busy}>
        {t('pager.next')}
      </button>
    </nav>
  );
}

/** Cursor paging: the cursor of each page seen, so that "previous" goes back exactly. */
export function useCursorPages<Cursor>() {
  const [cursors, setCursors] = useState<(Cursor | undefined)[]>([undefined]);
  return {
    cursor: cursors.at(-1),
    page: cursors.length,
    next: (cursor: Cursor) => setCursors((seen) => [...seen, cursor]),
    previous: () => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)),
    reset: () => setCursors([undefined]),
  };
}

export type CursorPages<Cursor> = ReturnType<typeof useCursorPages<Cursor>>;

/** One page of a list held whole; the page is kept in range when the list shrinks. */
export function usePagedList<T>(items: readonly T[], size: number) {
  const [page, setPage] = useState(1);
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(page, pageCount);
  return {
    items: items.slice((current - 1) * size, current * size),
    pager: {
      page: current,
      pageCount,
      hasNext: current < pageCount,
      onPrevious: () => setPage(Math.max(1, current - 1)),
      onNext: () => setPage(Math.min(pageCount, current + 1)),
    },
    reset: () => setPage(1),
  };
}
