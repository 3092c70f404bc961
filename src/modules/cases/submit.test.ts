// submitReport, the one way in for the app, Open311 and sensors: the report is checked against
// the API's schema and its key against its rule before anything is written, triage reads it,
// and a retried key answers the case it made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp, testClassifier } from '../../../test/harness.js';
import type { AppError } from '../../platform/errors.js';
import type { TriageClassifier } from '../triage/service.js';
import { createIntake, type Intake } from './intake.js';
import { submitReport } from './submit.js';

const CITADEL = { lat: 16.4698, lon: 107.5786 };

let t: TestApp;
let deps: { intake: Intake; classifier: TriageClassifier };
let sensor: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  deps = { intake: createIntake(t.db, t.caseSettings), classifier: await testClassifier() };
  sensor = await createUser(t.db, 'citizen');
});
afterAll(async () => {
  await t?.close();
});

const caseCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]?.n;
const reporter = () => ({ userId: sensor.id, role: 'citizen' });

describe('submitReport', () => {
  it('refuses a report outside the schema with a 400 naming the field, and writes nothing', async () => {
    const before = await caseCount();
    const refused = submitReport(deps, {
      input: { description: 'Đèn đường tắt', ...CITADEL, lat: 200, channel: 'sensor' },
      reporter: reporter(),
    });
    await expect(refused).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
    const error = (await refused.catch((e: AppError) => e)) as AppError;
    expect(error.message).toContain('body.lat');
    await expect(
      submitReport(deps, { input: { description: '', ...CITADEL }, reporter: reporter() }),
    ).rejects.toMatchObject({ status: 400 });
    // a report may not name a channel only the server sets
    await expect(
      submitReport(deps, {
        input: { description: 'Đèn đường tắt', ...CITADEL, channel: 'sensor' },
        reporter: reporter(),
      }),
    ).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
    await expect(
      submitReport(deps, {
        input: { description: 'Đèn đường tắt', ...CITADEL },
        reporter: reporter(),
        idempotencyKey: 'short',
      }),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_idempotency_key' });
    expect(await caseCount()).toBe(before);
  });

  it('triages what the caller says triage should read, and answers a retried key with the same case', async () => {
    const { rows: names } = await t.db.query<{ name_vi: string; name_en: string }>(
      `SELECT name_vi, name_en FROM categories WHERE code = 'waste'`,
    );
    const report = {
      input: { description: 'Cảm biến phát hiện (độ tin cậy 0.91)', category: 'waste', ...CITADEL },
      channel: 'sensor' as const, // set by the way in, never by the report
      reporter: reporter(),
      idempotencyKey: 'sensor-0001',
      triageText: `${names[0]?.name_vi}. ${names[0]?.name_en}`,
    };
    const first = await submitReport(deps, report);
    expect(first.created).toBe(true);
    expect(first.case).toMatchObject({ channel: 'sensor', category_code: 'waste', state: 'submitted' });
    const { rows } = await t.db.query<{ category: string }>(
      'SELECT category_code AS category FROM triage_suggestions WHERE case_id = $1',
      [first.case.id],
    );
    expect(rows[0]?.category).toBe('waste');
    const again = await submitReport(deps, report);
    expect(again).toMatchObject({ created: false, case: { id: first.case.id } });
  });
});
