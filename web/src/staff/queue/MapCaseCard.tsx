// The case chosen on the map, in brief: what it is, where it stands, and the way to its page.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffCase } from '../../../../src/shared/cases';
import { formatDateTime, localName } from '../../ui/format';
import { DueChip } from '../../ui/StateChip';
import { PriorityChip, StaffStateChip } from '../case/CaseChips';
import { useReferenceNames } from '../case/useReferenceNames';

export function MapCaseCard({ staffCase, listSearch }: { staffCase: StaffCase; listSearch: string }) {
  const { t } = useTranslation('queue');
  const names = useReferenceNames();
  const category = staffCase.category
    ? names.category(staffCase.category)
    : staffCase.suggestion
      ? t('map.suggestedCategory', { category: names.category(staffCase.suggestion.category) })
      : t('list.none');
  return (
    <article className="card sq-card" aria-labelledby="queue-map-card-title">
      <h3 id="queue-map-card-title" className="case-code">
        {staffCase.code}
      </h3>
      <div className="row">
        <StaffStateChip state={staffCase.state} />
        <PriorityChip priority={staffCase.priority} />
        {staffCase.due_at && (
          <DueChip
            dueAt={staffCase.due_at}
            overdue={staffCase.overdue}
            paused={staffCase.state === 'waiting_for_citizen'}
          />
        )}
      </div>
      <p className="sq-card-text">{staffCase.title ?? staffCase.description}</p>
      <dl className="sq-card-facts">
        <div>
          <dt>{t('list.category')}</dt>
          <dd>{category}</dd>
        </div>
        <div>
          <dt>{t('list.area')}</dt>
          <dd>{staffCase.area ? localName(staffCase.area) : t('list.none')}</dd>
        </div>
        <div>
          <dt>{t('list.agency')}</dt>
          <dd>
            {staffCase.agency
              ? localName(staffCase.agency)
              : staffCase.suggestion?.agency
                ? t('map.suggestedAgency', { agency: names.agency(staffCase.suggestion.agency) })
                : t('list.none')}
          </dd>
        </div>
        <div>
          <dt>{t('list.receivedAt')}</dt>
          <dd>{formatDateTime(staffCase.created_at)}</dd>
        </div>
      </dl>
      <div className="row">
        <Link className="button primary" to={`/staff/cases/${staffCase.id}`}>
          {t('map.open')}
        </Link>
        <Link className="button secondary" to={`/staff?${listSearch}`}>
          {t('map.inList')}
        </Link>
      </div>
    </article>
  );
}
