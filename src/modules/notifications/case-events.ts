// Who hears of what happens to a case: the citizens who follow it hear of public events, and
// the staff who must act hear of work events (their agency's new cases, replies, deadlines).
import type { Queryable } from '../../platform/db/index.js';
import { addNotifications, type NewNotification } from './inbox.js';

interface CaseEventFacts {
  event: { id: number; type: string; public: boolean; actor_id: string | null; to_state: string | null };
  caseRow: { id: string; code: string; agency_id: number | null; priority: string; state: string };
  previous: { agency_id: number | null } | null;
}

type Titles = [vi: string, en: string];

/** Whether a new report tells anyone at once: the operations center hears of urgent ones. */
export const submissionNotifies = (priority: string): boolean => priority === 'urgent';

/** What a following citizen is told, by event type (public events only). */
const CITIZEN_TITLES: Record<string, (code: string) => Titles> = {
  triaged: (c) => [`Phản ánh ${c} đã được tiếp nhận`, `Your report ${c} has been received`],
  assigned: (c) => [
    `Phản ánh ${c} đã được chuyển đến đơn vị xử lý`,
    `Your report ${c} was sent to the responsible agency`,
  ],
  accepted: (c) => [`Phản ánh ${c} đang được xử lý`, `Your report ${c} is being handled`],
  info_requested: (c) => [`Cần thêm thông tin cho phản ánh ${c}`, `More information is needed for your report ${c}`],
  resolved: (c) => [`Phản ánh ${c} đã được xử lý, mời bạn đánh giá`, `Your report ${c} was resolved: please rate it`],
  rejected: (c) => [`Phản ánh ${c} không được tiếp nhận`, `Your report ${c} was not accepted`],
  merged: (c) => [`Phản ánh ${c} được gộp với một phản ánh trùng`, `Your report ${c} was merged with a duplicate`],
  transferred: (c) => [`Phản ánh ${c} được chuyển đơn vị xử lý`, `Your report ${c} was passed to another agency`],
  auto_closed: (c) => [`Phản ánh ${c} đã đóng`, `Your report ${c} is closed`],
};

const STAFF_TITLES: Record<string, (code: string) => Titles> = {
  assigned: (c) => [`Phản ánh mới ${c} được giao cho đơn vị`, `New case ${c} assigned to your agency`],
  citizen_replied: (c) => [`Người dân đã trả lời phản ánh ${c}`, `The citizen answered on case ${c}`],
  reminded: (c) => [`Phản ánh ${c} sắp đến hạn xử lý`, `Case ${c} is nearly due`],
  escalated: (c) => [`Phản ánh ${c} đã quá hạn xử lý`, `Case ${c} is overdue`],
  rated: (c) => [`Phản ánh ${c} được đánh giá`, `Case ${c} was rated`],
  commented: (c) => [`Người dân bình luận về phản ánh ${c}`, `A citizen commented on case ${c}`],
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

async function followers(tx: Queryable, caseId: string): Promise<string[]> {
  const { rows } = await tx.query<{ user_id: string }>('SELECT user_id FROM case_followers WHERE case_id = $1', [
    caseId,
  ]);
  return rows.map((row) => row.user_id);
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
  const citizenTitle = event.public ? CITIZEN_TITLES[event.type] : undefined;
  if (citizenTitle) add(await followers(tx, caseRow.id), event.type, citizenTitle(caseRow.code));
  const staffTitle =
    event.type === 'submitted'
      ? (c: string): Titles => [`Phản ánh khẩn cấp ${c}`, `Urgent report ${c}`]
      : (STAFF_TITLES[event.type] ??
        (event.type === 'transferred'
          ? (c: string): Titles => [`Phản ánh ${c} được chuyển đến`, `Case ${c} transferred to you`]
          : undefined));
  if (staffTitle) add(await staffRecipients(tx, lookups, facts), `work.${event.type}`, staffTitle(caseRow.code));
  return notifications;
}
