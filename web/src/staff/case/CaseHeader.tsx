// The facts a staff member checks first: code, state, priority, category, place, agency,
// deadline and when it came in, and the citizen's rating once there is one.
import { Flag } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { StaffCase } from '../../../../src/shared/cases';
import { formatDateTime, formatRelative, localName } from '../../ui/format';
import { Icon, Stars } from '../../ui/icons';
import { DueChip, PriorityChip, StaffStateChip } from './CaseChips';
import { MergedIntoLink } from './MergedIntoLink';
import { useReferenceNames } from './useReferenceNames';

const OPEN_WITH_DEADLINE = new Set(['assigned', 'in_progress', 'waiting_for_citizen', 'reopened']);

export function CaseHeader({ staffCase, headingId }: { staffCase: StaffCase; headingId: string }) {
  const { t } = useTranslation('case');
  const names = useReferenceNames();
  const heading = staffCase.title ?? names.category(staffCase.category) ?? t('header.untitled');
  return (
    <header className="sc-header">
      <p className="sc-code-line sc-code">{staffCase.code}</p>
      <h2 id={headingId}>{heading}</h2>
      <div className="row">
        <StaffStateChip state={staffCase.state} />
        <PriorityChip priority={staffCase.priority} />
        {OPEN_WITH_DEADLINE.has(staffCase.state) && staffCase.due_at && (
          <DueChip
            dueAt={staffCase.due_at}
            overdue={staffCase.overdue}
            paused={staffCase.state === 'waiting_for_citizen'}
          />
        )}
        {staffCase.escalated_at && (
          <span className="chip overdue">
            <Icon of={Flag} /> {t('header.escalated')}
          </span>
        )}
      </div>
      <dl className="sc-facts">
        <div>
          <dt>{t('header.category')}</dt>
          <dd>{names.category(staffCase.category) ?? t('header.none')}</dd>
        </div>
        <div>
          <dt>{t('header.area')}</dt>
          <dd>{staffCase.area ? localName(staffCase.area) : t('header.unknownArea')}</dd>
        </div>
        <div>
          <dt>{t('header.address')}</dt>
          <dd>
            {staffCase.address ?? t('header.noAddress')}{' '}
            <span className="muted">
              ({staffCase.lat.toFixed(5)}, {staffCase.lon.toFixed(5)})
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('header.agency')}</dt>
          <dd>{staffCase.agency ? localName(staffCase.agency) : t('header.noAgency')}</dd>
        </div>
        <div>
          <dt>{t('header.received')}</dt>
          <dd>
            <time dateTime={staffCase.created_at}>{formatDateTime(staffCase.created_at)}</time>{' '}
            <span className="muted">({formatRelative(staffCase.created_at)})</span>
          </dd>
        </div>
        <div>
          <dt>{t('header.channel')}</dt>
          <dd>{t(`channels.${staffCase.channel}`)}</dd>
        </div>
        {staffCase.due_at && (
          <div>
            <dt>{t('header.due')}</dt>
            <dd>
              <time dateTime={staffCase.due_at}>{formatDateTime(staffCase.due_at)}</time>
              {staffCase.overdue && <strong> · {t('header.overdue')}</strong>}
            </dd>
          </div>
        )}
        {staffCase.supporter_count > 0 && (
          <div>
            <dt>{t('header.supporters')}</dt>
            <dd>{t('header.supporterCount', { count: staffCase.supporter_count })}</dd>
          </div>
        )}
        {staffCase.rating !== null && (
          <div>
            <dt>{t('header.rating')}</dt>
            <dd>
              <Stars count={staffCase.rating} /> {t('header.ratingValue', { count: staffCase.rating })}
            </dd>
          </div>
        )}
        {staffCase.reject_reason && (
          <div>
            <dt>{t('header.rejectReason')}</dt>
            <dd>{staffCase.reject_reason}</dd>
          </div>
        )}
        {staffCase.merged_into && (
          <div>
            <dt>{t('header.mergedInto')}</dt>
            <dd>
              <MergedIntoLink code={staffCase.merged_into} />
            </dd>
          </div>
        )}
        {staffCase.reopen_count > 0 && (
          <div>
            <dt>{t('header.reopened')}</dt>
            <dd>{t('header.reopenCount', { count: staffCase.reopen_count })}</dd>
          </div>
        )}
      </dl>
    </header>
  );
}
