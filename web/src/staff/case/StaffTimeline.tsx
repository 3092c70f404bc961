// The whole history of a case as staff see it, newest first: what happened, whether the citizen
// sees it (public) or not (internal), said in words; who acted (role and name), when, the
// message, what changed, and any attachments.
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../src/shared/cases';
import { PRIORITIES, type Priority } from '../../../../src/shared/reference-data';
import { formatDateTime, localName } from '../../ui/format';
import { MediaList } from './MediaViewer';
import { MergedIntoLink } from './MergedIntoLink';
import { useReferenceNames } from './useReferenceNames';

const KNOWN_EVENTS = new Set([
  'submitted',
  'triaged',
  'categorized',
  'assigned',
  'accepted',
  'info_requested',
  'citizen_replied',
  'transferred',
  'resolved',
  'rated',
  'auto_closed',
  'rejected',
  'merged',
  'merge_received',
  'note',
  'reminded',
  'escalated',
  'supported',
  'commented',
]);
const STAFF_ROLES = new Set(['citizen', 'operator', 'agency_staff', 'agency_admin', 'admin']);

type Named = { name_vi: string; name_en: string };
const isNamed = (value: unknown): value is Named =>
  typeof value === 'object' && value !== null && 'name_vi' in value && 'name_en' in value;
const isPriority = (value: unknown): value is Priority => PRIORITIES.includes(value as Priority);

function actorText(event: TimelineEvent, t: TFunction<'case'>): string {
  const role = event.actor_role && STAFF_ROLES.has(event.actor_role) ? event.actor_role : null;
  const roleText = role ? t(`staff:roles.${role}`) : t('timeline.system');
  // a citizen's name is personal data the timeline does not need: their role says enough
  return event.actor_name && role !== 'citizen' ? `${roleText} · ${event.actor_name}` : roleText;
}

function EventDetails({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation('case');
  const names = useReferenceNames();
  const { details } = event;
  const lines: ReactNode[] = [];
  if (event.type === 'assigned' || event.type === 'transferred') {
    lines.push(
      isNamed(details.agency)
        ? t('timeline.toAgency', { agency: localName(details.agency) })
        : event.type === 'transferred'
          ? t('timeline.backToIoc')
          : null,
    );
  }
  if (typeof details.category === 'string' && (event.type === 'triaged' || event.type === 'categorized')) {
    const from = typeof details.previous_category === 'string' ? names.category(details.previous_category) : null;
    lines.push(
      from && details.previous_category !== details.category
        ? t('timeline.categoryChanged', { from, to: names.category(details.category) })
        : t('timeline.category', { category: names.category(details.category) }),
    );
  }
  if (isPriority(details.priority) && (event.type === 'triaged' || event.type === 'categorized')) {
    lines.push(
      isPriority(details.previous_priority) && details.previous_priority !== details.priority
        ? t('timeline.priorityChanged', {
            from: t(`priority.${details.previous_priority}`),
            to: t(`priority.${details.priority}`),
          })
        : t('timeline.priority', { priority: t(`priority.${details.priority}`) }),
    );
  }
  if (event.type === 'rated' && typeof details.rating === 'number') {
    lines.push(
      `${t('timeline.rating', { count: details.rating })}${details.fixed === false ? ` · ${t('timeline.notFixed')}` : ''}`,
    );
  }
  if (typeof details.due_at === 'string' && event.type !== 'transferred') {
    lines.push(t('timeline.dueAt', { when: formatDateTime(details.due_at) }));
  }
  if (typeof details.explanation === 'string') lines.push(details.explanation);
  if (event.type === 'merged' && typeof details.into_code === 'string') {
    lines.push(
      <>
        {t('timeline.mergedInto')} <MergedIntoLink code={details.into_code} />
      </>,
    );
  }
  if (event.type === 'merge_received' && typeof details.from_code === 'string') {
    lines.push(
      <>
        {t('timeline.mergedFrom')} <MergedIntoLink code={details.from_code} />
      </>,
    );
  }
  const shown = lines.filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <ul className="sc-event-details">
      {shown.map((line, index) => (
        // the lines of one event never reorder
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed order within one event
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

export function StaffTimeline({ caseId, events }: { caseId: string; events: TimelineEvent[] }) {
  const { t } = useTranslation('case');
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const newestFirst = [...events].reverse();
  return (
    <ol className="sc-timeline">
      {newestFirst.map((event) => {
        const title = t(`events.${KNOWN_EVENTS.has(event.type) ? event.type : 'other'}`);
        return (
          <li key={event.id} className={`sc-event ${event.public ? 'sc-event-public' : 'sc-event-internal'}`}>
            <p className="sc-event-title">
              <strong>{title}</strong>{' '}
              <span className={`chip sc-visibility ${event.public ? 'sc-public' : 'sc-internal'}`}>
                <span aria-hidden="true">{event.public ? '◉' : '▣'}</span>{' '}
                {event.public ? t('timeline.public') : t('timeline.internal')}
              </span>
            </p>
            <p className="sc-event-meta muted">
              <time dateTime={event.at}>{formatDateTime(event.at)}</time> · {actorText(event, t)}
              {event.to_state && event.from_state !== event.to_state && (
                <>
                  {' · '}
                  {event.from_state
                    ? t('timeline.stateChange', {
                        from: t(`states.${event.from_state}`),
                        to: t(`states.${event.to_state}`),
                      })
                    : t('timeline.stateSet', { state: t(`states.${event.to_state}`) })}
                </>
              )}
            </p>
            {event.message && <p className="sc-event-message">{event.message}</p>}
            <EventDetails event={event} />
            <MediaList caseId={caseId} media={event.media} context={title} />
          </li>
        );
      })}
    </ol>
  );
}
