// A list of cases as a table staff scan row by row: the code opens the case; state, priority
// and deadline are in words, with a symbol, never by colour alone.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffCase } from '../../../../src/shared/cases';
import { formatDateTime, localName } from '../../ui/format';
import { DueChip, PriorityChip, StaffStateChip } from '../case/CaseChips';
import { useReferenceNames } from '../case/useReferenceNames';
import { AGENCY_OPEN_STATES } from './api';

const SUMMARY_LENGTH = 90;

function summary(item: StaffCase): string {
  const text = item.title ?? item.description;
  return text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH).trimEnd()}…` : text;
}

export function CaseTable({ cases, caption }: { cases: StaffCase[]; caption: string }) {
  const { t } = useTranslation('agency');
  const names = useReferenceNames();
  return (
    <div className="ag-table-scroll">
      <table className="ag-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead className="ag-table-head">
          <tr>
            <th scope="col">{t('table.code')}</th>
            <th scope="col">{t('table.summary')}</th>
            <th scope="col">{t('table.state')}</th>
            <th scope="col">{t('table.priority')}</th>
            <th scope="col">{t('table.category')}</th>
            <th scope="col">{t('table.area')}</th>
            <th scope="col">{t('table.due')}</th>
            <th scope="col">{t('table.received')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((item) => (
            <tr key={item.id}>
              <th scope="row" className={`ag-code-cell${item.overdue ? ' ag-overdue' : ''}`}>
                <Link to={`/staff/cases/${item.id}`} className="sc-code">
                  {item.code}
                </Link>
              </th>
              <td className="ag-summary">{summary(item)}</td>
              <td>
                <StaffStateChip state={item.state} />
              </td>
              <td>
                <PriorityChip priority={item.priority} labelled={false} />
              </td>
              <td>{names.category(item.category) ?? t('table.none')}</td>
              <td>{item.area ? localName(item.area) : t('table.none')}</td>
              <td>
                {item.due_at && AGENCY_OPEN_STATES.includes(item.state) ? (
                  <DueChip dueAt={item.due_at} overdue={item.overdue} paused={item.state === 'waiting_for_citizen'} />
                ) : (
                  t('table.none')
                )}
              </td>
              <td>
                <time dateTime={item.created_at}>{formatDateTime(item.created_at)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
