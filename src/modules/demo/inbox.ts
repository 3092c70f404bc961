// The demo citizens' inboxes: what they would have been told of the cases they follow, told
// again now by the notifications module's own rules, then dated when it happened; all but
// the last few days already read.
import type { Queryable } from '../../platform/db/index.js';
import { applyEvent, type CaseRow, type StoredEvent } from '../cases/events.js';
import { notifyCaseEvents } from '../notifications/case-events.js';

export async function fillInboxes(tx: Queryable, userIds: readonly string[]): Promise<number> {
  const { rows } = await tx.query<StoredEvent & { code: string }>(
    `SELECT e.*, c.code FROM case_events e JOIN cases c ON c.id = e.case_id
      WHERE e.case_id IN (SELECT case_id FROM case_followers WHERE user_id = ANY($1::uuid[]))
      ORDER BY e.case_id, e.id`,
    [userIds],
  );
  const facts: Parameters<typeof notifyCaseEvents>[1][number][] = [];
  let row: CaseRow | null = null;
  let caseId = '';
  for (const event of rows) {
    if (event.case_id !== caseId) {
      caseId = event.case_id;
      row = null;
    }
    const previous: CaseRow | null = row;
    row = applyEvent(row, event);
    facts.push({
      event,
      caseRow: {
        id: event.case_id,
        code: event.code,
        agency_id: row.agency_id,
        priority: row.priority,
        state: row.state,
      },
      previous: previous ? { agency_id: previous.agency_id } : null,
    });
  }
  await notifyCaseEvents(tx, facts);
  const { rowCount } = await tx.query(
    `UPDATE notifications n
        SET created_at = e.created_at,
            read_at = CASE WHEN e.created_at < now() - interval '3 days' THEN e.created_at + interval '2 hours' END
       FROM case_events e
      WHERE n.event_id = e.id AND n.case_id IN (SELECT case_id FROM case_followers WHERE user_id = ANY($1::uuid[]))`,
    [userIds],
  );
  return rowCount;
}
