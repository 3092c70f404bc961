// The public history of a case, newest first: what happened in words, when, who acted (by
// role: citizens never see staff names, nor other citizens'), the message and any media.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEvent } from '../../../../src/shared/cases';
import { formatDateTime, localName } from '../../ui/format';
import { MediaGallery } from './MediaGallery';

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
  'commented',
]);

type Named = { name_vi: string; name_en: string };
const isNamed = (value: unknown): value is Named =>
  typeof value === 'object' && value !== null && 'name_vi' in value && 'name_en' in value;

function actorKey(role: string | null): string {
  if (role === null) return 'system';
  if (role === 'agency_staff' || role === 'agency_admin') return 'agency';
  return ['citizen', 'operator', 'admin'].includes(role) ? role : 'system';
}

function EventDetails({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation('cases');
  const { details } = event;
  if ((event.type === 'assigned' || event.type === 'transferred') && isNamed(details.agency)) {
    return <p className="mr-event-detail">{t('timeline.agency', { agency: localName(details.agency) })}</p>;
  }
  if (event.type === 'rated' && typeof details.rating === 'number') {
    return (
      <p className="mr-event-detail">
        {t('rating.stars', { count: details.rating })}
        {details.fixed === false && ` · ${t('rating.notFixedShort')}`}
      </p>
    );
  }
  if (event.type === 'merged' && typeof details.into_code === 'string') {
    return (
      <p className="mr-event-detail">
        <Link to={`/cases/${encodeURIComponent(details.into_code)}`}>
          {t('timeline.mergedInto', { code: details.into_code })}
        </Link>
      </p>
    );
  }
  return null;
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation('cases');
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const newestFirst = [...events].reverse();
  return (
    <ol className="mr-timeline">
      {newestFirst.map((event) => {
        const title = t(`events.${KNOWN_EVENTS.has(event.type) ? event.type : 'other'}`);
        return (
          <li key={event.id} className={`mr-timeline-event mr-event-${event.type}`}>
            <p className="mr-event-title">
              <strong>{title}</strong>
            </p>
            <p className="mr-event-meta muted">
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              {' · '}
              {t(`actors.${actorKey(event.actor_role)}`)}
            </p>
            {event.message && <p className="mr-event-message">{event.message}</p>}
            <EventDetails event={event} />
            <MediaGallery media={event.media} context={title} />
          </li>
        );
      })}
    </ol>
  );
}
