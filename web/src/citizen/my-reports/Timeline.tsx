// The public history of the citizen's own case: the shared timeline (ui/CaseTimeline) with the
// case's photos, video and audio, and merged reports opened on their public page.
import { Link } from 'react-router';
import type { TimelineEvent } from '../../../../src/shared/case-events';
import { CaseTimeline } from '../../ui/CaseTimeline';
import { MediaGallery } from './MediaGallery';

export function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <CaseTimeline
      audience="citizen"
      events={events}
      media={(event, title) => <MediaGallery media={event.media} context={title} />}
      caseLink={(code) => <Link to={`/cases/${encodeURIComponent(code)}`}>{code}</Link>}
    />
  );
}
