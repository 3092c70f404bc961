// A page of the queue is read in one statement (queue.ts): each case must come out as its own
// page shows it (names, media, reporter, suggestion), in the order asked, page after page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { caseAction } from '../../../test/requests.js';
import type { StaffCase } from '../../shared/cases.js';
import { multipartBody, plainJpeg } from '../media/test-fixtures.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
const ids: string[] = [];
const PLACE = { lat: 16.4698, lon: 107.5786 };
const OPEN = 'state=submitted&state=triaged&state=assigned&state=in_progress&state=waiting_for_citizen&state=reopened';

async function report(payload: Record<string, string | number | boolean>, photo = false): Promise<string> {
  const form = photo
    ? await multipartBody([{ name: 'tree.jpg', type: 'image/jpeg', bytes: await plainJpeg() }], {
        ...Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, String(value)])),
      })
    : null;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: form ? { ...citizen.auth, 'content-type': form.contentType } : citizen.auth,
    payload: form ? form.body : payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const act = (id: string, action: string, payload: object) => caseAction(t, operator, id, action, payload);

beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  ids.push(await report({ description: 'Cây đổ chắn ngang đường', category: 'trees_parks', ...PLACE }, true));
  ids.push(await report({ description: 'Ổ gà rất sâu trên đường Lê Duẩn', category: 'road_damage', ...PLACE }));
  ids.push(await report({ description: 'Đèn đường không sáng', ...PLACE }));
  ids.push(await report({ description: 'Rác thải bốc mùi', category: 'waste', ...PLACE, anonymous: true }));
  await act(ids[1] as string, 'assign', { agency: 'doc' });
  await act(ids[2] as string, 'triage', { priority: 'urgent' });
  await act(ids[3] as string, 'triage', { priority: 'high' });
});
afterAll(() => t.close());

async function caseAsShown(id: string): Promise<StaffCase> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: operator.auth });
  expect(response.statusCode, response.body).toBe(200);
  // the timeline and the answers to the category's questions are the case page's alone
  const {
    timeline: _timeline,
    attributes: _attributes,
    ...shown
  } = response.json() as StaffCase & {
    timeline: unknown;
  };
  return shown;
}

async function allPages(query: string): Promise<StaffCase[]> {
  const seen: StaffCase[] = [];
  let cursor: string | null = null;
  do {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases?${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      headers: operator.auth,
    });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: StaffCase[]; next: string | null };
    expect(page.items.length).toBeLessThanOrEqual(1);
    seen.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return seen;
}

/**
 * Routing's advice is worked out for the queue only while no agency holds a case (the case
 * page always gives it), so for a held case it is left out of the comparison.
 */
const comparable = (shown: StaffCase): StaffCase =>
  shown.agency && shown.suggestion
    ? { ...shown, suggestion: { ...shown.suggestion, agency: null, routing_explanation: null } }
    : shown;

/** The queue never names an anonymous reporter: only the case page does, recorded in the audit log. */
const asListed = (shown: StaffCase): StaffCase => (shown.anonymous ? { ...shown, reporter: null } : shown);

const RANK = { urgent: 3, high: 2, normal: 1, low: 0 } as const;
const newestFirst = (a: StaffCase, b: StaffCase) =>
  b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);
const ORDERS = {
  newest: newestFirst,
  priority: (a: StaffCase, b: StaffCase) => RANK[b.priority] - RANK[a.priority] || newestFirst(a, b),
  due: (a: StaffCase, b: StaffCase) =>
    (a.due_at ?? '9999').localeCompare(b.due_at ?? '9999') || a.id.localeCompare(b.id),
};

describe('a page of the queue', () => {
  it('shows each case as its own page does, in every order, one page after another', async () => {
    const shown = (await Promise.all(ids.map(caseAsShown))).map(comparable);
    expect(shown[0]?.media).toHaveLength(1);
    expect(shown[3]?.reporter).not.toBeNull();
    const listed = shown.map(asListed);
    for (const [sort, order] of Object.entries(ORDERS)) {
      expect((await allPages(`${OPEN}&sort=${sort}`)).map(comparable), sort).toEqual([...listed].sort(order));
      expect((await allPages(`sort=${sort}`)).map(comparable), sort).toEqual([...listed].sort(order));
    }
    const assigned = await allPages('state=assigned&sort=due');
    expect(assigned.map((c) => c.id)).toEqual([ids[1]]);
  });

  it('answers pages of every shape, past the number of shapes kept prepared', async () => {
    // each page size is a statement of its own (queue.ts keeps up to 200 of them prepared)
    for (let limit = 1; limit <= 200; limit++) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases?${OPEN}&sort=due&limit=${limit}`,
        headers: operator.auth,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect((response.json() as { items: unknown[] }).items).toHaveLength(Math.min(limit, ids.length));
    }
  });

  it("gives a citizen's own list the same media as the case", async () => {
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/reports', headers: citizen.auth });
    expect(mine.statusCode, mine.body).toBe(200);
    const items = (mine.json() as { items: StaffCase[] }).items;
    expect(items.map((item) => item.id).sort()).toEqual([...ids].sort());
    const tree = items.find((item) => item.id === ids[0]);
    expect(tree?.media).toEqual((await caseAsShown(ids[0] as string)).media);
  });
});
