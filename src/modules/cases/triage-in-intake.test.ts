// Triage in the workflow: every report gets a suggestion, urgent ones go first and alert the
// operations center, a confident one is assigned without an operator where the city allows
// it, and what staff correct is kept for the next model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  admin = await createUser(t.db, 'admin');
});
afterAll(() => t.close());

const CITADEL = { lat: 16.4698, lon: 107.5786 };

async function report(description: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: citizen.auth,
    payload: { description, ...CITADEL },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const staffCase = async (id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: operator.auth })).json();

describe('triage at intake', () => {
  it('records a suggestion with the model version and where routing would send it', async () => {
    const created = await report('Đèn đường trước nhà tôi bị hỏng, tối om mấy hôm nay');
    const view = await staffCase(created.id);
    expect(view.suggestion).toMatchObject({
      category: 'streetlight',
      model_version: expect.stringMatching(/^triage-/),
    });
    expect(view.suggestion.top3).toHaveLength(3);
    expect(view.suggestion.agency).toBe('lighting');
    expect(view.suggestion.routing_explanation.en).toMatch(/Street lighting/);
    expect(view.state).toBe('submitted'); // no threshold set: it waits for the operator
  });

  it('puts an urgent report first and alerts the operations center at once', async () => {
    await report('Ổ gà nhỏ trên đường');
    const urgent = await report('Cháy nhà ở kiệt 12, có người mắc kẹt bên trong, cứu với!');
    expect(urgent.priority).toBe('urgent');
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/cases?sort=priority', headers: operator.auth });
    expect(queue.json().items[0].id).toBe(urgent.id);
    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: operator.auth });
    expect(inbox.json().items.map((n: { case_code: string }) => n.case_code)).toContain(urgent.code);
  });

  it('raises a report that states a danger in words to high; a plain one keeps its default', async () => {
    const tree = await report('Cây xanh bị đổ chắn ngang đường Lê Lợi, xe không qua được, rất nguy hiểm');
    expect(tree.priority).toBe('high');
    expect((await staffCase(tree.id)).suggestion).toMatchObject({ category: 'trees_parks', priority: 'high' });
    const pruning = await report('Cây xanh trước nhà tôi cành lá um tùm, đề nghị cắt tỉa');
    expect(pruning.priority).not.toBe('high');
  });

  it('assigns a confident report at once when its category has a threshold', async () => {
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/triage/thresholds',
      headers: admin.auth,
      payload: { items: [{ category: 'waste', threshold: 0.3 }] },
    });
    expect(set.statusCode, set.body).toBe(200);
    const created = await report('Rác thải sinh hoạt đổ bừa bãi ra vỉa hè, bốc mùi hôi thối');
    expect(created).toMatchObject({ state: 'assigned', category: 'waste', agency: { code: 'hepco' } });
    const view = await staffCase(created.id);
    const assigned = view.timeline.find((e: { type: string }) => e.type === 'assigned');
    expect(assigned.actor_role).toBe('system');
    expect(assigned.details.explanation).toMatch(/Garbage and sanitation/);
  });

  it('flags the same report sent again for the operator, without dropping it', async () => {
    const first = await report('Quảng cáo dịch vụ khoan cắt bê tông giá rẻ');
    const again = await report('Quảng cáo dịch vụ khoan cắt bê tông giá rẻ');
    expect(again.id).not.toBe(first.id);
    expect((await staffCase(first.id)).suggestion.abuse_reasons).not.toContain('repeated_report');
    expect((await staffCase(again.id)).suggestion.abuse_reasons).toContain('repeated_report');
  });

  it('keeps what staff correct as training data', async () => {
    const created = await report('Cây xanh bị gãy cành đè lên dây điện');
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/triage`,
      headers: operator.auth,
      payload: { category: 'electricity', priority: 'high' },
    });
    const { rows } = await t.db.query<{ field: string; to_value: string }>(
      'SELECT field, to_value FROM triage_corrections WHERE case_id = $1 ORDER BY field',
      [created.id],
    );
    expect(rows.map((r) => r.field)).toContain('category');
    const summary = await t.app.inject({
      method: 'GET',
      url: '/api/v1/triage/corrections/summary',
      headers: admin.auth,
    });
    expect(summary.statusCode).toBe(200);
  });
});
