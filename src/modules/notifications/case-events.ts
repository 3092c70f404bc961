// Who hears of what happens to a case: the citizens who follow it hear of public events (its
// supporters in words of their own: it is not their report), and
// the staff who must act hear of work events (their agency's new cases, replies, deadlines).
import type { Queryable } from '../../platform/db/index.js';
import type { CaseEventType } from '../../shared/case-events.js';
import { addNotifications, type NewNotification } from './inbox.js';

interface CaseEventFacts {
  event: { id: number; type: CaseEventType; public: boolean; actor_id: string | null; to_state: string | null };
  caseRow: { id: string; code: string; agency_id: number | null; priority: string; state: string };
  previous: { agency_id: number | null } | null;
}

type Titles = [vi: string, en: string];
type TitlesOf = (code: string) => Titles;

/** Whether a new report tells anyone at once: the operations center hears of urgent ones. */
export const submissionNotifies = (priority: string): boolean => priority === 'urgent';

/**
 * What each kind of event tells: the citizens who reported the case (public events only), its
 * supporters in words of their own (not "your report", and nothing that asks them to act:
 * answering and rating are the reporter's), and the staff who must act (staffRecipients says
 * who). null: it tells nobody. Keyed by every event type of the shared contract, so that a new
 * type cannot be forgotten here.
 */
export const NOTIFICATION_TITLES: {
  [T in CaseEventType]: { citizen: TitlesOf | null; supporter: TitlesOf | null; staff: TitlesOf | null };
} = {
  submitted: { citizen: null, supporter: null, staff: (c) => [`Phản ánh khẩn cấp ${c}`, `Urgent report ${c}`] },
  triaged: {
    citizen: (c) => [`Phản ánh ${c} đã được tiếp nhận`, `Your report ${c} has been received`],
    supporter: (c) => [`Phản ánh ${c} bạn theo dõi đã được tiếp nhận`, `The report ${c} you follow has been received`],
    staff: null,
  },
  categorized: { citizen: null, supporter: null, staff: null },
  assigned: {
    citizen: (c) => [
      `Phản ánh ${c} đã được chuyển đến đơn vị xử lý`,
      `Your report ${c} was sent to the responsible agency`,
    ],
    supporter: (c) => [
      `Phản ánh ${c} bạn theo dõi đã được chuyển đến đơn vị xử lý`,
      `The report ${c} you follow was sent to the responsible agency`,
    ],
    staff: (c) => [`Phản ánh mới ${c} được giao cho đơn vị`, `New case ${c} assigned to your agency`],
  },
  accepted: {
    citizen: (c) => [`Phản ánh ${c} đang được xử lý`, `Your report ${c} is being handled`],
    supporter: (c) => [`Phản ánh ${c} bạn theo dõi đang được xử lý`, `The report ${c} you follow is being handled`],
    staff: null,
  },
  info_requested: {
    citizen: (c) => [`Cần thêm thông tin cho phản ánh ${c}`, `More information is needed for your report ${c}`],
    supporter: null,
    staff: null,
  },
  citizen_replied: {
    citizen: null,
    supporter: null,
    staff: (c) => [`Người dân đã trả lời phản ánh ${c}`, `The citizen answered on case ${c}`],
  },
  transferred: {
    citizen: (c) => [`Phản ánh ${c} được chuyển đơn vị xử lý`, `Your report ${c} was passed to another agency`],
    supporter: (c) => [
      `Phản ánh ${c} bạn theo dõi được chuyển đơn vị xử lý`,
      `The report ${c} you follow was passed to another agency`,
    ],
    staff: (c) => [`Phản ánh ${c} được chuyển đến`, `Case ${c} transferred to you`],
  },
  resolved: {
    citizen: (c) => [`Phản ánh ${c} đã được xử lý, mời bạn đánh giá`, `Your report ${c} was resolved: please rate it`],
    supporter: (c) => [`Phản ánh ${c} bạn theo dõi đã được xử lý`, `The report ${c} you follow was resolved`],
    staff: null,
  },
  rated: { citizen: null, supporter: null, staff: (c) => [`Phản ánh ${c} được đánh giá`, `Case ${c} was rated`] },
  auto_closed: {
    citizen: (c) => [`Phản ánh ${c} đã đóng`, `Your report ${c} is closed`],
    supporter: (c) => [`Phản ánh ${c} bạn theo dõi đã đóng`, `The report ${c} you follow is closed`],
    staff: null,
  },
  rejected: {
    citizen: (c) => [`Phản ánh ${c} không được tiếp nhận`, `Your report ${c} was not accepted`],
    supporter: (c) => [
      `Phản ánh ${c} bạn theo dõi không được tiếp nhận`,
      `The report ${c} you follow was not accepted`,
    ],
    staff: null,
  },
  merged: {
    citizen: (c) => [`Phản ánh ${c} được gộp với một phản ánh trùng`, `Your report ${c} was merged with a duplicate`],
    supporter: (c) => [
      `Phản ánh ${c} bạn theo dõi được gộp với một phản ánh trùng`,
      `The report ${c} you follow was merged with a duplicate`,
    ],
    staff: null,
  },
  merge_received: { citizen: null, supporter: null, staff: null },
  note: { citizen: null, supporter: null, staff: null },
  reminded: {
    citizen: null,
    supporter: null,
    staff: (c) => [`Phản ánh ${c} sắp đến hạn xử lý`, `Case ${c} is nearly due`],
  },
  escalated: {
    citizen: null,
    supporter: null,
    staff: (c) => [`Phản ánh ${c} đã quá hạn xử lý`, `Case ${c} is overdue`],
  },
  supported: { citizen: null, supporter: null, staff: null },
  commented: {
    citizen: null,
    supporter: null,
    staff: (c) => [`Người dân bình luận về phản ánh ${c}`, `A citizen commented on case ${c}`],
  },
};

/** Staff lists looked up once per call, however many events of a batch need them. */
type Lookups = Map<string, Promise<string[]>>;

function agencyStaff(tx: Queryable, lookups: Lookups, agencyId: number, roles: string[]): Promise<string[]> {
  const key = `agency ${agencyId} ${roles.join()}`;
  let found = lookups.get(key);
  if (!found) {
    found = tx
      .query<{ id: string }>('SELECT id FROM users WHERE agency_id = $1 AND role = ANY($2) AND disabled_at IS NULL', [
        agencyId,
        roles,
      ])
      .then(({ rows }) => rows.map((row) => row.id));
    lookups.set(key, found);
  }
  return found;
}

function operators(tx: Queryable, lookups: Lookups): Promise<string[]> {
  let found = lookups.get('operators');
  if (!found) {
    found = tx
      .query<{ id: string }>(`SELECT id FROM users WHERE role = 'operator' AND disabled_at IS NULL`)
      .then(({ rows }) => rows.map((row) => row.id));
    lookups.set('operators', found);
  }
  return found;
}

/** The citizens who follow the case: those who reported it (here or in a merged duplicate), and its supporters. */
async function followers(tx: Queryable, caseId: string): Promise<{ reporters: string[]; supporters: string[] }> {
  const { rows } = await tx.query<{ user_id: string; reason: string }>(
    'SELECT user_id, reason FROM case_followers WHERE case_id = $1',
    [caseId],
  );
  return {
    reporters: rows.filter((row) => row.reason !== 'supporter').map((row) => row.user_id),
    supporters: rows.filter((row) => row.reason === 'supporter').map((row) => row.user_id),
  };
}

async function staffRecipients(tx: Queryable, lookups: Lookups, facts: CaseEventFacts): Promise<string[]> {
  const { event, caseRow } = facts;
  const agency = caseRow.agency_id;
  switch (event.type) {
    case 'submitted':
      // the operations center hears of urgent reports at once; the rest wait in the queue
      return submissionNotifies(caseRow.priority) ? operators(tx, lookups) : [];
    case 'assigned':
    case 'citizen_replied':
    case 'commented':
    case 'reminded':
      return agency ? agencyStaff(tx, lookups, agency, ['agency_staff', 'agency_admin']) : [];
    case 'transferred':
      return agency ? agencyStaff(tx, lookups, agency, ['agency_staff', 'agency_admin']) : operators(tx, lookups);
    case 'rated':
      return caseRow.state === 'reopened' && agency
        ? agencyStaff(tx, lookups, agency, ['agency_staff', 'agency_admin'])
        : [];
    case 'escalated':
      return [
        ...(agency ? await agencyStaff(tx, lookups, agency, ['agency_admin']) : []),
        ...(await operators(tx, lookups)),
      ];
    default:
      return [];
  }
}

export function notifyCaseEvent(tx: Queryable, facts: CaseEventFacts): Promise<void> {
  return notifyCaseEvents(tx, [facts]);
}

/** The same for many events, with one INSERT (intake writes reports in batches). */
export async function notifyCaseEvents(tx: Queryable, all: readonly CaseEventFacts[]): Promise<void> {
  const lookups: Lookups = new Map();
  const notifications: NewNotification[] = [];
  for (const facts of all) notifications.push(...(await notificationsOf(tx, lookups, facts)));
  await addNotifications(tx, notifications);
}

async function notificationsOf(tx: Queryable, lookups: Lookups, facts: CaseEventFacts): Promise<NewNotification[]> {
  const { event, caseRow } = facts;
  const notifications: NewNotification[] = [];
  const add = (userIds: string[], kind: string, titles: Titles) => {
    for (const userId of new Set(userIds)) {
      if (userId === event.actor_id) continue; // nobody is told of what they did themselves
      notifications.push({
        userId,
        caseId: caseRow.id,
        eventId: event.id,
        kind,
        titleVi: titles[0],
        titleEn: titles[1],
      });
    }
  };
  const titles = NOTIFICATION_TITLES[event.type];
  if (event.public && (titles.citizen || titles.supporter)) {
    const { reporters, supporters } = await followers(tx, caseRow.id);
    if (titles.citizen) add(reporters, event.type, titles.citizen(caseRow.code));
    if (titles.supporter) add(supporters, event.type, titles.supporter(caseRow.code));
  }
  if (titles.staff) add(await staffRecipients(tx, lookups, facts), `work.${event.type}`, titles.staff(caseRow.code));
  return notifications;
}
