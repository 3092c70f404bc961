// The whole history of a case as staff see it: the shared timeline (ui/CaseTimeline) with every
// kind of attachment, category names, and merged cases opened in the console.
import type { TimelineEvent } from '../../../../src/shared/case-events';
import { CaseTimeline } from '../../ui/CaseTimeline';
import { MediaList } from './MediaViewer';
import { MergedIntoLink } from './MergedIntoLink';
import { useReferenceNames } from './useReferenceNames';

export function StaffTimeline({ caseId, events }: { caseId: string; events: TimelineEvent[] }) {
  const names = useReferenceNames();
  return (
    <CaseTimeline
      audience="staff"
      events={events}
      media={(event, title) => <MediaList caseId={caseId} media={event.media} context={title} />}
      caseLink={(code) => <MergedIntoLink code={code} />}
      categoryName={names.category}
    />
  );
}
