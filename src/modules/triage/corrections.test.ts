// Staff corrections: what is recorded (changed fields only, with the text and the suggestion
// they correct), the training examples exported from them, and what the model in use has seen.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { caseAction } from '../../../test/requests.js';
import {
  correctionsSummary,
  exportCorrections,
  recordCorrection,
  trainingDateOf,
  writeCorrectionsJsonl,
} from './corrections.js';
import { encodeSortedUints } from './model/codec.js';
import { parseLabelledJsonl } from './model/data.js';
import { textFingerprint } from './model/model.js';
import {
  type BuiltInModel,
  createClassifier,
  latestSuggestion,
  loadTriageModel,
  recordSuggestion,
  recordSuggestions,
  suggestTriage,
} from './service.js';

const CITADEL = { lat: 16.4698, lon: 107.5786 };

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
let model: BuiltInModel;
const cases: Record<string, string> = {};
const categoryIds: Record<string, number> = {};

async function report(name: string, payload: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.auth, payload });
  expect(response.statusCode, response.body).toBe(201);
  cases[name] = response.json().id;
}

const correct = (input: Omit<Parameters<typeof recordCorrection>[1], 'correctedBy'>) =>
  t.db.transaction((tx) => recordCorrection(tx, { correctedBy: operator.id, ...input }));

beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  model = await loadTriageModel();
  const { rows } = await t.db.query<{ id: number; code: string }>('SELECT id, code FROM categories');
  for (const row of rows) categoryIds[row.code] = row.id;
  await report('flooded', {
    title: 'Ngập đường',
    description: 'Nước ngập sâu trên đường Lê Duẩn sau mưa, cống bị tắc',
    category: 'road_damage',
    ...CITADEL,
  });
  await report('unsure', { description: 'Có vấn đề ở đầu kiệt 12', ...CITADEL });
  await report('spam', { description: 'Mua bán đất giá rẻ liên hệ ngay', category: 'construction', ...CITADEL });
});
afterAll(() => t.close());

describe('recordSuggestion', () => {
  it('appends what triage suggested for a case, and the latest one is read back', async () => {
    const classifier = createClassifier({ builtIn: model, timeoutMs: 100 });
    const suggestion = await suggestTriage(t.db, classifier, {
      text: 'Nước ngập sâu trên đường Lê Duẩn sau mưa, cống bị tắc',
      ...CITADEL,
    });
    await t.db.transaction((tx) => recordSuggestion(tx, cases.flooded as string, suggestion));
    const stored = await latestSuggestion(t.db, cases.flooded as string);
    expect(stored).toMatchObject({
      model_version: model.version,
      classifier: 'built_in',
      category_code: suggestion.prediction.category,
      priority: suggestion.prediction.priority,
      agency_code: suggestion.routing?.agency?.code,
      routing_explanation_vi: suggestion.routing?.explanation.vi,
      abuse_reasons: [],
    });
    expect(stored?.top3).toEqual(suggestion.prediction.top3);
    await expect(t.db.query('DELETE FROM triage_suggestions')).rejects.toThrow(/append-only/);
  });

  it('appends the suggestions of a whole intake batch in one statement', async () => {
    const classifier = createClassifier({ builtIn: model, timeoutMs: 100 });
    await report('advert', { description: 'Mua ngay tại www.dat-re.vn', ...CITADEL });
    await report('lamp', { description: 'Đèn đường không sáng', ...CITADEL });
    const spam = await suggestTriage(t.db, classifier, { text: 'Mua ngay tại www.dat-re.vn' });
    const unsure = await suggestTriage(t.db, classifier, { text: 'Đèn đường không sáng', ...CITADEL });
    await t.db.transaction((tx) =>
      recordSuggestions(tx, [
        { caseId: cases.advert as string, suggestion: spam },
        { caseId: cases.lamp as string, suggestion: unsure },
      ]),
    );
    expect(await latestSuggestion(t.db, cases.advert as string)).toMatchObject({
      abuse_reasons: spam.abuse.reasons,
      agency_code: null,
      routing_explanation_en: null,
    });
    expect(spam.abuse.reasons.length).toBeGreaterThan(0);
    expect(await latestSuggestion(t.db, cases.lamp as string)).toMatchObject({
      category_code: unsure.prediction.category,
      agency_code: unsure.routing?.agency?.code,
    });
    await t.db.transaction((tx) => recordSuggestions(tx, [])); // nothing to write: no statement
  });
});

describe('recordCorrection', () => {
  it('records each changed field with the text, the suggestion it corrects and the category after', async () => {
    const written = await correct({
      caseId: cases.flooded as string,
      categoryId: { from: categoryIds.road_damage as number, to: categoryIds.drainage_flooding as number },
      priority: { from: 'normal', to: 'high' },
    });
    expect(written).toBe(2);
    const { rows } = await t.db.query(
      `SELECT field, from_value, to_value, suggested_value, model_version, category_code, text, corrected_by
         FROM triage_corrections WHERE case_id = $1 ORDER BY id`,
      [cases.flooded],
    );
    const suggestion = await latestSuggestion(t.db, cases.flooded as string);
    const text = 'Ngập đường\nNước ngập sâu trên đường Lê Duẩn sau mưa, cống bị tắc';
    expect(rows).toEqual([
      {
        field: 'category',
        from_value: 'road_damage',
        to_value: 'drainage_flooding',
        suggested_value: suggestion?.category_code,
        model_version: model.version,
        category_code: 'drainage_flooding',
        text,
        corrected_by: operator.id,
      },
      {
        field: 'priority',
        from_value: 'normal',
        to_value: 'high',
        suggested_value: suggestion?.priority,
        model_version: model.version,
        category_code: 'drainage_flooding',
        text,
        corrected_by: operator.id,
      },
    ]);
  });

  it('records nothing for an unchanged field, and a first category given to a case', async () => {
    expect(await correct({ caseId: cases.unsure as string, priority: { from: 'normal', to: 'normal' } })).toBe(0);
    expect(
      await correct({ caseId: cases.unsure as string, categoryId: { from: null, to: categoryIds.other as number } }),
    ).toBe(1);
    const { rows } = await t.db.query(
      'SELECT from_value, to_value, suggested_value, model_version FROM triage_corrections WHERE case_id = $1',
      [cases.unsure],
    );
    // (no suggestion in this test; once intake records them, the case's own)
    const suggestion = await latestSuggestion(t.db, cases.unsure as string);
    expect(rows).toEqual([
      {
        from_value: null,
        to_value: 'other',
        suggested_value: suggestion?.category_code ?? null,
        model_version: suggestion?.model_version ?? null,
      },
    ]);
  });
});

describe('exportCorrections', () => {
  it('gives one example per corrected case with its current labels, leaving out rejected cases', async () => {
    await correct({ caseId: cases.spam as string, priority: { from: 'normal', to: 'low' } });
    // what staff did through the workflow (which records the corrections above once wired)
    const steps: [string | undefined, string, Record<string, unknown>][] = [
      [cases.spam, 'triage', { priority: 'low' }],
      [cases.spam, 'reject', { reason: 'Quảng cáo' }],
      [cases.flooded, 'triage', { category: 'drainage_flooding', priority: 'high' }],
      [cases.unsure, 'triage', { category: 'other' }],
    ];
    for (const [id, action, payload] of steps) await caseAction(t, operator, id, action, payload);

    const examples = await exportCorrections(t.db);
    expect(examples.sort((a, b) => a.category.localeCompare(b.category))).toEqual([
      {
        text: 'Ngập đường\nNước ngập sâu trên đường Lê Duẩn sau mưa, cống bị tắc',
        category: 'drainage_flooding',
        priority: 'high',
        id: `correction:${cases.flooded}`,
      },
      { text: 'Có vấn đề ở đầu kiệt 12', category: 'other', priority: 'normal', id: `correction:${cases.unsure}` },
    ]);
  });

  it('writes JSON lines that the training command reads', async () => {
    const path = join(tmpdir(), `citypulse-corrections-${process.pid}.jsonl`);
    try {
      expect(await writeCorrectionsJsonl(t.db, path)).toBe(2);
      const parsed = parseLabelledJsonl(readFileSync(path, 'utf8'), path);
      expect(parsed.map((e) => e.category).sort()).toEqual(['drainage_flooding', 'other']);
      expect(parsed.every((e) => e.priority !== undefined)).toBe(true);
    } finally {
      rmSync(path, { force: true });
    }
  });
});

describe('correctionsSummary', () => {
  it('counts as seen the corrections whose text the model was trained on', async () => {
    // counted from the table: once the workflow records corrections, the triage steps add theirs
    const { rows } = await t.db.query<{ field: string; text: string }>('SELECT field, text FROM triage_corrections');
    const total = rows.length;
    const summary = await correctionsSummary(t.db, model);
    expect(summary).toMatchObject({ seen_by: 'training_texts', total, seen_by_model: 0, not_seen: total });
    expect(summary.by_field).toEqual({
      category: rows.filter((r) => r.field === 'category').length,
      priority: rows.filter((r) => r.field === 'priority').length,
    });

    const flooded = 'Ngập đường\nNước ngập sâu trên đường Lê Duẩn sau mưa, cống bị tắc';
    const retrained = {
      version: 'triage-2099.01.01-00000000',
      classify: model.classify.bind(model),
      serialized: { training: { text_hashes: encodeSortedUints([textFingerprint(flooded)]) } },
    } as unknown as BuiltInModel;
    const seen = rows.filter((r) => r.text === flooded).length;
    expect(seen).toBeGreaterThanOrEqual(2);
    const after = await correctionsSummary(t.db, retrained);
    expect(after).toMatchObject({ total, seen_by_model: seen, not_seen: total - seen });
    expect(after.by_category.find((c) => c.category === 'drainage_flooding')).toEqual({
      category: 'drainage_flooding',
      total: seen,
      seen_by_model: seen,
      not_seen: 0,
    });
  });

  it('falls back to the training date for a model without its training texts', async () => {
    const future = { version: 'triage-2099.01.01-00000000', classify: model.classify } as unknown as BuiltInModel;
    const everything = await correctionsSummary(t.db, future);
    expect(everything).toMatchObject({ seen_by: 'training_date', not_seen: 0 });
    expect(everything.seen_by_model).toBe(everything.total);
    const past = { version: 'triage-2000.01.01-00000000', classify: model.classify } as unknown as BuiltInModel;
    expect(await correctionsSummary(t.db, past)).toMatchObject({ seen_by_model: 0 });
    expect(trainingDateOf('triage-2026.11.25-fc37caf4')?.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(trainingDateOf('custom')).toBeNull();
  });
});
