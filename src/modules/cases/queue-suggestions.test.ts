// The queue shows each case with the model's suggestion (category, confidence, priority, the
// agency routing would pick and why), the same one the case page shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { StaffCase } from '../../shared/cases.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
});
afterAll(() => t.close());

const report = async (description: string) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: citizen.auth,
    payload: { description, lat: 16.4698, lon: 107.5786 },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
};

describe('the queue with triage suggestions', () => {
  it('gives every case of a page its suggestion, as the case page does', async () => {
    const lamps = [
      await report('Đèn đường bị hỏng, tối om cả đoạn đường'),
      await report('Đèn chiếu sáng công cộng không sáng từ tối qua'),
    ];
    const rubbish = await report('Rác thải đổ bừa bãi bốc mùi hôi thối');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/cases?sort=priority', headers: operator.auth });
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: StaffCase[] }).items;
    expect(items).toHaveLength(3);
    for (const made of [...lamps, rubbish]) {
      const listed = items.find((item) => item.id === made.id);
      expect(listed?.suggestion).toMatchObject({
        category: expect.any(String),
        confidence: expect.any(Number),
        priority: expect.any(String),
        routing_explanation: { vi: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) },
      });
      const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${made.id}`, headers: operator.auth });
      expect(listed?.suggestion).toEqual((detail.json() as StaffCase).suggestion);
    }
  });
});
