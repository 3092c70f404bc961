// Tables of figures: a frame that scrolls sideways on a phone (and can be scrolled with the
// keyboard), and a page of rows at a time for the lists that grow (hexagons, days, areas).
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The table's title stands above the frame rather than in a caption: a caption is as wide as
 * its table, and would be cut off where the frame scrolls. The table is named by it all the same.
 */
export function TableFrame({ title, children }: { title: string; children: (titleId: string) => ReactNode }) {
  const { t } = useTranslation('dashboard');
  const titleId = useId();
  return (
    <>
      <p className="db-table-title" id={titleId}>
        {title}
      </p>
      <p className="db-scroll-hint" aria-hidden="true">
        {t('table.scrollHint')}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region wider than the screen must be reachable by keyboard to scroll it */}
      <section className="db-table-scroll" aria-labelledby={titleId} tabIndex={0}>
        {children(titleId)}
      </section>
    </>
  );
}

/**
 * The first rows, and a button for more. Another list (other filters: another `listKey`)
 * starts again at one page.
 */
export function usePaged<T>(rows: readonly T[], pageSize: number, listKey: string) {
  const [state, setState] = useState({ listKey, shown: pageSize });
  const shown = state.listKey === listKey ? state.shown : pageSize;
  return {
    visible: rows.slice(0, shown),
    more: rows.length > shown ? () => setState({ listKey, shown: shown + pageSize }) : null,
    shown: Math.min(shown, rows.length),
    total: rows.length,
  };
}

export function MoreRows({ paged }: { paged: { more: (() => void) | null; shown: number; total: number } }) {
  const { t } = useTranslation('dashboard');
  if (paged.total === 0) return null;
  return (
    <div className="db-more">
      <p className="db-note" aria-live="polite">
        {t('table.shown', { shown: paged.shown, total: paged.total })}
      </p>
      {paged.more && (
        <button type="button" className="button secondary" onClick={paged.more}>
          {t('table.more')}
        </button>
      )}
    </div>
  );
}
