// The card that opens over the map when a report (or a spot with several) is chosen. It takes
// the focus so that keyboard and screen-reader users land in it; Escape or Close gives the
// focus back to where it came from.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportSummary } from './ReportSummary';
import type { ReportFeature } from './reports';

export type Selection = { kind: 'report'; report: ReportFeature } | { kind: 'group'; reports: ReportFeature[] };

export function ReportCard({ selection, onClose }: { selection: Selection; onClose: () => void }) {
  const { t } = useTranslation('map');
  const { t: common } = useTranslation();
  const card = useRef<HTMLElement>(null);
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    returnTo.current ??= document.activeElement;
    card.current?.focus();
  }, []);

  const close = () => {
    onClose();
    const back = returnTo.current;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  };

  const reports = selection.kind === 'report' ? [selection.report] : selection.reports;
  const title =
    selection.kind === 'report'
      ? t('card.report', { code: selection.report.properties.code })
      : t('card.group', { count: reports.length });

  return (
    <section
      ref={card}
      className="pm-card"
      aria-label={title}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button type="button" className="button link pm-card-close" onClick={close}>
        {common('close')}
      </button>
      {selection.kind === 'group' && <h2 className="pm-card-title">{title}</h2>}
      {reports.length === 1 && reports[0] ? (
        <ReportSummary report={reports[0].properties} headingLevel={2} />
      ) : (
        <ul className="pm-card-list">
          {reports.map((report) => (
            <li key={report.properties.code}>
              <ReportSummary report={report.properties} headingLevel={3} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
