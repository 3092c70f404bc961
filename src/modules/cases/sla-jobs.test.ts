// The timers: reminder before the deadline, escalation after it, closing unrated cases.
// Each fires once even when two servers sweep at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { openPostgres } from '../../platform/db/postgres.js';
import { closeUnrated, escalateOverdue, remindBeforeDeadline } from './sla-jobs.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
let agencyStaff: TestUser;
let agencyAdmin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  agencyStaff = await createUser(t.db, 'agency_staff', { agencyCode: 'water' });
  agencyAdmin = await createUser(t.db, 'agency_admin', { agencyCode: 'water' });
});
afterAll(() => t.close());

async function assignedCase(): Promise<string> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: citizen.auth,
    payload: { description: 'Mất nước từ sáng', category: 'water_supply', lat: 16.4698, lon: 107.5786 },
  });
  const id = created.json().id as string;
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/assign`,
    headers: operator.auth,
    payload: { agency: 'water' },
  });
  return id;
}

const eventsOf = async (id: string) =>
  (await t.db.query<{ type: string }>('SELECT type FROM case_events WHERE case_id = $1 ORDER BY id', [id])).rows.map(
    (r) => r.type,
  );
const inboxKinds = async (user: TestUser) =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: user.auth }))
    .json()
    .items.map((n: { kind: string }) => n.kind);

describe('case timers', () => {
  it('reminds the agency once when little time is left', async () => {
    const id = await assignedCase();
    expect(await remindBeforeDeadline(t.db, t.caseSettings)).toBe(0);
    // 12 h SLA, assigned 11 h ago: one hour (less than 20 %) is left
    await t.db.query(
      `UPDATE cases SET assigned_at = now() - interval '11 hours', due_at = now() + interval '1 hour' WHERE id = $1`,
      [id],
    );
    expect(await remindBeforeDeadline(t.db, t.caseSettings)).toBe(1);
    expect(await remindBeforeDeadline(t.db, t.caseSettings)).toBe(0);
    expect((await eventsOf(id)).filter((type) => type === 'reminded')).toHaveLength(1);
    expect(await inboxKinds(agencyStaff)).toContain('work.reminded');
  });

  it('escalates an overdue case to the agency admin and the operations center, once, even with two sweepers', async () => {
    const id = await assignedCase();
    await t.db.query(`UPDATE cases SET due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    const second = t.url ? await openPostgres(t.url, 2) : t.db;
    try {
      const done = await Promise.all([escalateOverdue(t.db), escalateOverdue(second)]);
      expect(done[0] + done[1]).toBe(1);
    } finally {
      if (second !== t.db) await second.close();
    }
    expect((await eventsOf(id)).filter((type) => type === 'escalated')).toHaveLength(1);
    expect(await inboxKinds(agencyAdmin)).toContain('work.escalated');
    expect(await inboxKinds(operator)).toContain('work.escalated');
    const overdue = await t.app.inject({ method: 'GET', url: '/api/v1/cases?overdue=true', headers: operator.auth });
    expect(overdue.json().items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('closes a resolved case that nobody rated after seven days', async () => {
    const id = await assignedCase();
    await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/accept`, headers: agencyStaff.auth, payload: {} });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/resolve`,
      headers: agencyStaff.auth,
      payload: { message: 'Đã sửa ống' },
    });
    expect(await closeUnrated(t.db, t.caseSettings)).toBe(0);
    await t.db.query(`UPDATE cases SET resolved_at = now() - interval '7 days 1 minute' WHERE id = $1`, [id]);
    expect(await closeUnrated(t.db, t.caseSettings)).toBe(1);
    const { rows } = await t.db.query<{ state: string }>('SELECT state FROM cases WHERE id = $1', [id]);
    expect(rows[0]?.state).toBe('closed');
    expect((await eventsOf(id)).at(-1)).toBe('auto_closed');
  });
});
