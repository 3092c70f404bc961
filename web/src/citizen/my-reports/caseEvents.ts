// The events of a case's timeline that the case page shows on their own: the city's open
// question, the resolution and the citizen's rating.
import { type CaseEventType, isEvent, type TimelineEventOf } from '../../../../src/shared/case-events';
import type { CitizenCase } from '../../../../src/shared/cases';

export function latestEvent<T extends CaseEventType>(report: CitizenCase, type: T): TimelineEventOf<T> | null {
  return (report.timeline ?? []).findLast(isEvent(type)) ?? null;
}

/** Whether the citizen answers and rates this case: they reported it, not only support it. */
export const reportedByReader = (report: CitizenCase): boolean => report.following_as !== 'supporter';

/** The question the citizen should answer now, if the city is waiting for them. */
export function openQuestion(report: CitizenCase): TimelineEventOf<'info_requested'> | null {
  return report.state === 'waiting_for_citizen' && reportedByReader(report)
    ? latestEvent(report, 'info_requested')
    : null;
}
