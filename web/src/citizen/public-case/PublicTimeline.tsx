// The public history of a report, newest first: what happened in words, when, and who acted
// by role only (the public never sees a name), with the public message and photos.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEvent } from '../../../../src/shared/cases';
import { formatDateTime, localName } from '../../ui/format';
import { PublicPhotos } from './PublicPhotos';

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
  'merged',
  'merge_received',
  'escalated',
  'supported',
  'commented',
]);

type Named = { name_vi: string; name_en: string };
const isNamed = (value: unknown): value is Named =>
  typeof value === 'object' && value !== null && 'name_vi' in value && 'name_en' in value;

function actorOf(role: string | null): string {
  if (role === 'agency_staff' || role === 'agency_admin') return 'agency';
  return role && ['citizen', 'operator', 'admin'].includes(role) ? role : 'system';
}

function EventDetail({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation('public-case');
  const { details } = event;
  if ((event.type === 'assigned' || event.type === 'transferred') && isNamed(details.agency)) {
    return <p className="pc-event-detail">{t('timeline.agency', { agency: localName(details.agency) })}</p>;
  }
  if (event.type === 'rated' && typeof details.rating === 'number') {
    return <p className="pc-event-detail">{t('timeline.rating', { rating: details.rating })}</p>;
  }
  for (const [key, label] of [
    ['into_code', 'timeline.mergedInto'],
    ['from_code', 'timeline.mergedFrom'],
  ] as const) {
    const code = details[key];
    if (typeof code === 'string') {
      return (
        <p className="pc-event-detail">
          <Link to={`/cases/${encodeURIComponent(code)}`}>{t(label, { code })}</Link>
        </p>
      );
    }
  }
  return null;
}

export function PublicTimeline({ events, code }: { events: TimelineEvent[]; code: string }) {
  const { t } = useTranslation('public-case');
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  return (
    <ol className="pc-timeline">
      {[...events].reverse().map((event) => {
        const title = t(`events.${KNOWN_EVENTS.has(event.type) ? event.type : 'other'}`);
        return (
          <li key={event.id} className="pc-event">
            <p className="pc-event-title">
              <strong>{title}</strong>
            </p>
            <p className="pc-event-meta muted">
              <time dateTime={event.at}>{formatDateTime(event.at)}</time> · {t(`actors.${actorOf(event.actor_role)}`)}
            </p>
            {event.message && <p className="pc-event-message">{event.message}</p>}
            <EventDetail event={event} />
            {/* the report's own photos (its first step's) are shown at the top of the page */}
            <PublicPhotos
              media={event.type === 'submitted' ? [] : event.media}
              label={(n, count) => t('photos.eventAlt', { n, count, event: title, code })}
            />
          </li>
        );
      })}
    </ol>
  );
}
