// The in-app inbox of citizens and staff. Every notification is stored here first; other
// channels (web push, SMS, e-mail) deliver from it through NotificationChannel.
import type { Queryable } from '../../platform/db/index.js';

export interface NewNotification {
  userId: string;
  caseId: string | null;
  eventId: number | null;
  kind: string;
  titleVi: string;
  titleEn: string;
}

/** A way to reach a person outside the app; the inbox itself needs none. */
export interface NotificationChannel {
  readonly name: string;
  deliver(notification: NewNotification & { id: number }): Promise<void>;
}

export async function addNotifications(tx: Queryable, notifications: NewNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  const values: unknown[] = [];
  const tuples = notifications.map((n, i) => {
    values.push(n.userId, n.caseId, n.eventId, n.kind, n.titleVi, n.titleEn);
    const base = i * 6;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`;
  });
  await tx.query(
    `INSERT INTO notifications (user_id, case_id, event_id, kind, title_vi, title_en) VALUES ${tuples.join(', ')}`,
    values,
  );
}

export interface InboxItem {
  id: number;
  kind: string;
  title_vi: string;
  title_en: string;
  case_id: string | null;
  case_code: string | null;
  read: boolean;
  created_at: Date;
}

export async function listInbox(
  db: Queryable,
  userId: string,
  options: { before?: number; limit: number; unreadOnly?: boolean },
): Promise<{ items: InboxItem[]; unread: number; nextBefore: number | null }> {
  const { rows } = await db.query<InboxItem>(
    `SELECT n.id, n.kind, n.title_vi, n.title_en, n.case_id, c.code AS case_code, n.read_at IS NOT NULL AS read, n.created_at
       FROM notifications n LEFT JOIN cases c ON c.id = n.case_id
      WHERE n.user_id = $1 AND ($2::bigint IS NULL OR n.id < $2) AND (NOT $3 OR n.read_at IS NULL)
      ORDER BY n.id DESC LIMIT $4`,
    [userId, options.before ?? null, options.unreadOnly ?? false, options.limit + 1],
  );
  const { rows: counts } = await db.query<{ unread: number }>(
    'SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  const items = rows.slice(0, options.limit);
  return {
    items,
    unread: counts[0]?.unread ?? 0,
    nextBefore: rows.length > options.limit ? (items.at(-1)?.id ?? null) : null,
  };
}

/** Marks the user's notifications read: the given ones, or all. Returns how many changed. */
export async function markRead(db: Queryable, userId: string, ids: number[] | 'all'): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE notifications SET read_at = now()
      WHERE user_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2))`,
    [userId, ids === 'all' ? null : ids],
  );
  return rowCount;
}
