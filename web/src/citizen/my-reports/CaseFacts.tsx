// What the case is and where: code, state, category, area, address, agency and dates.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type CitizenCase, OPEN_STATES } from '../../../../src/shared/cases';
import { useCategoryName } from '../../api/names';
import { formatDateTime, localName } from '../../ui/format';
import { StateChip } from '../../ui/StateChip';

/** A deadline means something while the agency holds the case; it is paused while the city waits. */
export function showsDeadline(report: CitizenCase): boolean {
  return OPEN_STATES.includes(report.state) && report.state !== 'waiting_for_citizen' && report.due_at !== null;
}

export function CaseFacts({ report }: { report: CitizenCase }) {
  const { t } = useTranslation('cases');
  const categoryName = useCategoryName();
  const rows: [string, ReactNode][] = [
    [
      t('facts.code'),
      <span key="code" className="mr-code">
        {report.code}
      </span>,
    ],
    [t('facts.state'), <StateChip key="state" state={report.state} />],
    [t('facts.category'), categoryName(report.category) ?? t('facts.notYet')],
    [t('facts.area'), report.area ? localName(report.area) : t('facts.unknown')],
    [t('facts.address'), report.address ?? t('facts.noAddress')],
    [t('facts.agency'), report.agency ? localName(report.agency) : t('facts.notYet')],
    [
      t('facts.sent'),
      <time key="sent" dateTime={report.created_at}>
        {formatDateTime(report.created_at)}
      </time>,
    ],
  ];
  if (showsDeadline(report) && report.due_at) {
    rows.push([
      t('facts.due'),
      <span key="due">
        <time dateTime={report.due_at}>{formatDateTime(report.due_at)}</time>
        {report.overdue && <strong className="mr-overdue"> · {t('facts.overdue')}</strong>}
      </span>,
    ]);
  }
  // a reopened case keeps the time of its first resolution: not a fact about it any more
  if (report.resolved_at && (report.state === 'resolved' || report.state === 'closed')) {
    rows.push([
      t('facts.resolved'),
      <time key="resolved" dateTime={report.resolved_at}>
        {formatDateTime(report.resolved_at)}
      </time>,
    ]);
  }
  if (report.closed_at) {
    rows.push([
      t('facts.closed'),
      <time key="closed" dateTime={report.closed_at}>
        {formatDateTime(report.closed_at)}
      </time>,
    ]);
  }
  return (
    <dl className="mr-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
