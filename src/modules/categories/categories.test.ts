import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { Category } from '../../shared/reference-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function get<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await t.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as T };
}

describe('GET /api/v1/categories', () => {
  it('lists the 17 categories in the order of the pack', async () => {
    const { status, body } = await get<{ items: Category[] }>('/api/v1/categories');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(17);
    expect(body.items[0]).toEqual({
      code: 'waste',
      name_vi: 'Rác thải, vệ sinh môi trường',
      name_en: 'Garbage and sanitation',
      examples_en: 'missed collection, overflowing bins, illegal dumping, dead animals in public places',
      agency_kind: 'sanitation',
      sla_hours: 24,
      default_priority: 'normal',
      active: true,
      // what the pack asks of a waste report (the kinds of waste)
      attributes: [expect.objectContaining({ code: 'waste_kind', datatype: 'multivaluelist', required: false })],
    });
    expect(body.items.at(-1)?.code).toBe('other');
    expect(body.items.at(-1)?.attributes).toEqual([]);
  });
});

describe('GET /api/v1/categories/:code', () => {
  it('returns one category', async () => {
    const { status, body } = await get<Category>('/api/v1/categories/fire_rescue');
    expect(status).toBe(200);
    expect(body).toMatchObject({ agency_kind: 'fire', sla_hours: 1, default_priority: 'urgent' });
  });

  it('says category_not_found for an unknown code', async () => {
    const { status, body } = await get<{ error: { code: string } }>('/api/v1/categories/nope');
    expect(status).toBe(404);
    expect(body.error.code).toBe('category_not_found');
  });
});
