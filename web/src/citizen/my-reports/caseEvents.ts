// The events of a case's timeline that the case page shows on their own: the city's open
// question, the resolution and the citizen's rating.
import type { CitizenCase, TimelineEvent } from '../../../../src/shared/cases';

export function latestEvent(report: CitizenCase, type: string): TimelineEvent | null {
  const events = report.timeline ?? [];
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type === type) return event;
  }
  return null;
}

/** Whether the citizen answers and rates this case: they reported it, not only support it. */
export const reportedByReader = (report: CitizenCase): boolean => report.following_as !== 'supporter';

/** The question the citizen should answer now, if the city is waiting for them. */
export function openQuestion(report: CitizenCase): TimelineEvent | null {
  return report.state === 'waiting_for_citizen' && reportedByReader(report)
    ? latestEvent(report, 'info_requested')
    : null;
}
