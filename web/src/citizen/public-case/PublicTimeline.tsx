// The public history of a report: the shared timeline (ui/CaseTimeline) with the public copies
// of photos. The report's own photos (its first step's) are shown at the top of the page.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEvent } from '../../../../src/shared/case-events';
import { CaseTimeline } from '../../ui/CaseTimeline';
import { PublicPhotos } from './PublicPhotos';

export function PublicTimeline({ events, code }: { events: TimelineEvent[]; code: string }) {
  const { t } = useTranslation('public-case');
  return (
    <CaseTimeline
      audience="public"
      events={events}
      media={(event, title) => (
        <PublicPhotos
          media={event.type === 'submitted' ? [] : event.media}
          label={(n, count) => t('photos.eventAlt', { n, count, event: title, code })}
        />
      )}
      caseLink={(other) => <Link to={`/cases/${encodeURIComponent(other)}`}>{other}</Link>}
    />
  );
}
