// The queue as a dense table, one case a row of two lines at most (code and time, then the
// summary cut to one line), so that an operator sees a dozen cases at once. Where staff have
// not decided yet, the model's suggestion stands in as a compact chip, marked as a suggestion
// in words (category with how sure the model is, agency with the routing rules' reason behind
// a disclosure). The code button selects a row; the row itself answers a mouse click too.
import { Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { StaffCase } from '../../../../src/shared/cases';
import { formatDateTime, formatRelative, localName } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { DueChip } from '../../ui/StateChip';
import { ConfidenceWords } from '../ConfidenceWords';
import { PriorityChip, StaffStateChip } from '../case/CaseChips';
import { useReferenceNames } from '../case/useReferenceNames';

export const rowButtonId = (caseId: string) => `queue-row-${caseId}`;

function Suggested({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation('queue');
  return (
    <span className="chip sq-suggested">
      <Icon of={Sparkles} /> <span className="visually-hidden">{t('list.suggested')} </span>
      {children}
    </span>
  );
}

function CategoryCell({ staffCase }: { staffCase: StaffCase }) {
  const { t } = useTranslation('queue');
  const names = useReferenceNames();
  if (staffCase.category) return <span className="sq-cut">{names.category(staffCase.category)}</span>;
  const suggestion = staffCase.suggestion;
  if (!suggestion) return <span className="muted">{t('list.none')}</span>;
  return (
    <Suggested>
      {names.category(suggestion.category)}{' '}
      <span className="muted">
        (<ConfidenceWords value={suggestion.confidence} />)
      </span>
    </Suggested>
  );
}

function AgencyCell({ staffCase }: { staffCase: StaffCase }) {
  const { t, i18n } = useTranslation('queue');
  const names = useReferenceNames();
  if (staffCase.agency) return <span className="sq-cut">{localName(staffCase.agency)}</span>;
  const suggestion = staffCase.suggestion;
  if (!suggestion?.agency) return <span className="muted">{t('list.none')}</span>;
  const why = suggestion.routing_explanation;
  const name = names.agency(suggestion.agency);
  if (!why) return <Suggested>{name}</Suggested>;
  return (
    <details className="sq-why">
      <summary>
        <Suggested>{name}</Suggested>
      </summary>
      <p className="sq-why-text">
        <span className="visually-hidden">{t('list.why')} </span>
        {i18n.language === 'en' ? why.en : why.vi}
      </p>
    </details>
  );
}

function QueueRow({
  staffCase,
  selected,
  fresh,
  onSelect,
}: {
  staffCase: StaffCase;
  selected: boolean;
  fresh: boolean;
  onSelect: (caseId: string) => void;
}) {
  const { t } = useTranslation('queue');
  const summary = staffCase.title ?? staffCase.description;
  return (
    // a click anywhere on the row is a convenience for the mouse; the keyboard has the code button and j/k
    <tr
      className={`sq-row${selected ? ' sq-selected' : ''}${staffCase.priority === 'urgent' ? ' sq-urgent' : ''}`}
      onClick={(event) => {
        // links, disclosures and buttons inside the row keep their own meaning
        if ((event.target as HTMLElement).closest('a, button, summary, details')) return;
        onSelect(staffCase.id);
      }}
    >
      <th scope="row" className="sq-case">
        <span className="sq-case-head">
          <button
            type="button"
            id={rowButtonId(staffCase.id)}
            className="sq-select case-code"
            aria-current={selected ? 'true' : undefined}
            onClick={() => onSelect(staffCase.id)}
          >
            {staffCase.code}
          </button>
          {fresh && <span className="chip sq-new">{t('list.new')}</span>}
          <span className="sq-received">
            <span className="visually-hidden">{t('list.receivedAt')} </span>
            <time dateTime={staffCase.created_at} title={formatDateTime(staffCase.created_at)}>
              {formatRelative(staffCase.created_at)}
            </time>
          </span>
        </span>
        <span className="sq-summary" title={summary}>
          {summary}
        </span>
      </th>
      <td>
        <CategoryCell staffCase={staffCase} />
      </td>
      <td>
        <PriorityChip priority={staffCase.priority} labelled={false} />
      </td>
      <td>
        {staffCase.area ? (
          <span className="sq-cut">{localName(staffCase.area)}</span>
        ) : (
          <span className="muted">{t('list.none')}</span>
        )}
      </td>
      <td>
        <AgencyCell staffCase={staffCase} />
      </td>
      <td>
        <div className="sq-status">
          <StaffStateChip state={staffCase.state} />
          {staffCase.due_at ? (
            <DueChip
              dueAt={staffCase.due_at}
              overdue={staffCase.overdue}
              paused={staffCase.state === 'waiting_for_citizen'}
            />
          ) : (
            <span className="muted sq-no-deadline">{t('list.noDeadline')}</span>
          )}
        </div>
      </td>
    </tr>
  );
}

export function QueueTable({
  cases,
  selectedId,
  freshIds,
  onSelect,
  caption,
}: {
  cases: StaffCase[];
  selectedId: string | null;
  freshIds: ReadonlySet<string>;
  onSelect: (caseId: string) => void;
  caption: string;
}) {
  const { t } = useTranslation('queue');
  return (
    <table className="sq-table">
      <caption className="visually-hidden">{caption}</caption>
      <colgroup>
        <col className="sq-col-case" />
        <col className="sq-col-category" />
        <col className="sq-col-priority" />
        <col className="sq-col-area" />
        <col className="sq-col-agency" />
        <col className="sq-col-status" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" className="sq-head">
            {t('list.case')}
          </th>
          <th scope="col" className="sq-head">
            {t('list.category')}
          </th>
          <th scope="col" className="sq-head">
            {t('list.priority')}
          </th>
          <th scope="col" className="sq-head">
            {t('list.area')}
          </th>
          <th scope="col" className="sq-head">
            {t('list.agency')}
          </th>
          <th scope="col" className="sq-head">
            {t('list.status')}
          </th>
        </tr>
      </thead>
      <tbody>
        {cases.map((staffCase) => (
          <QueueRow
            key={staffCase.id}
            staffCase={staffCase}
            selected={staffCase.id === selectedId}
            fresh={freshIds.has(staffCase.id)}
            onSelect={onSelect}
          />
        ))}
      </tbody>
    </table>
  );
}
