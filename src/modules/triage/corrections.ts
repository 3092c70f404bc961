// Staff corrections of category and priority: kept with the text they were made on, they are
// the labelled data the next model is trained with (triage:train --extra), and the admin
// report says how many of them the model in use has already learned from.
import { writeFileSync } from 'node:fs';
import type { Queryable } from '../../platform/db/index.js';
import type { Priority } from '../../shared/reference-data.js';
import { decodeSortedUints } from './model/codec.js';
import { textFingerprint } from './model/model.js';
import type { BuiltInModel } from './service.js';
import { latestSuggestion, triageTextOf } from './service.js';

export interface CorrectionInput {
  caseId: string;
  /** The staff member; null for a system change. */
  correctedBy: string | null;
  /** Category ids before and after, as the case row holds them. */
  categoryId?: { from: number | null; to: number | null };
  priority?: { from: Priority; to: Priority };
}

interface CaseFacts {
  title: string | null;
  description: string;
  category_id: number | null;
}

async function categoryCodes(tx: Queryable, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = ids.filter((id): id is number => id !== null);
  if (wanted.length === 0) return new Map();
  const { rows } = await tx.query<{ id: number; code: string }>(
    'SELECT id, code FROM categories WHERE id = ANY($1::bigint[])',
    [wanted],
  );
  return new Map(rows.map((row) => [row.id, row.code]));
}

/**
 * Records what staff changed (one row per changed field; nothing for an unchanged one) in the
 * caller's transaction. Call it when staff set a case's category or priority, before or after
 * appending the event. Returns the number of rows written.
 */
export async function recordCorrection(tx: Queryable, input: CorrectionInput): Promise<number> {
  const categoryChanged = input.categoryId !== undefined && input.categoryId.from !== input.categoryId.to;
  const priorityChanged = input.priority !== undefined && input.priority.from !== input.priority.to;
  if (!categoryChanged && !priorityChanged) return 0;

  const { rows } = await tx.query<CaseFacts>('SELECT title, description, category_id FROM cases WHERE id = $1', [
    input.caseId,
  ]);
  const facts = rows[0];
  if (!facts) throw new Error(`recordCorrection: no case ${input.caseId}`);
  const categoryAfter = categoryChanged ? (input.categoryId?.to ?? null) : facts.category_id;
  const codes = await categoryCodes(tx, [input.categoryId?.from ?? null, categoryAfter]);
  const code = (id: number | null | undefined) => (id === null || id === undefined ? null : (codes.get(id) ?? null));
  const suggestion = await latestSuggestion(tx, input.caseId);
  const text = triageTextOf(facts.title, facts.description);

  const changes: {
    field: 'category' | 'priority';
    from: string | null;
    to: string | null;
    suggested: string | null;
  }[] = [];
  if (categoryChanged) {
    changes.push({
      field: 'category',
      from: code(input.categoryId?.from),
      to: code(categoryAfter),
      suggested: suggestion?.category_code ?? null,
    });
  }
  if (priorityChanged && input.priority) {
    changes.push({
      field: 'priority',
      from: input.priority.from,
      to: input.priority.to,
      suggested: suggestion?.priority ?? null,
    });
  }
  for (const change of changes) {
    await tx.query(
      `INSERT INTO triage_corrections
         (case_id, text, field, from_value, to_value, suggested_value, model_version, category_code, corrected_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        input.caseId,
        text,
        change.field,
        change.from,
        change.to,
        change.suggested,
        suggestion?.model_version ?? null,
        code(categoryAfter),
        input.correctedBy,
      ],
    );
  }
  return changes.length;
}

export interface CorrectionExample {
  text: string;
  category: string;
  priority: Priority;
  /** correction:<case id>, so that a training run can name the line. */
  id: string;
}

/**
 * One labelled example per corrected case: its text as corrected, and the category and
 * priority the case has now (staff's last word, which may be a later change). Rejected cases
 * (spam, out of scope) and cases still without a category teach nothing and are left out.
 */
export async function exportCorrections(db: Queryable): Promise<CorrectionExample[]> {
  const { rows } = await db.query<{ case_id: string; text: string; category: string; priority: Priority }>(
    `SELECT DISTINCT ON (tc.case_id) tc.case_id, tc.text, cat.code AS category, c.priority
       FROM triage_corrections tc
       JOIN cases c ON c.id = tc.case_id
       JOIN categories cat ON cat.id = c.category_id
      WHERE c.state <> 'rejected'
      ORDER BY tc.case_id, tc.id DESC`,
  );
  return rows.map((row) => ({
    text: row.text,
    category: row.category,
    priority: row.priority,
    id: `correction:${row.case_id}`,
  }));
}

/** Writes the examples as JSON lines for `triage:train --extra <path>`; returns how many. */
export async function writeCorrectionsJsonl(db: Queryable, path: string): Promise<number> {
  const examples = await exportCorrections(db);
  writeFileSync(path, examples.map((example) => `${JSON.stringify(example)}\n`).join(''));
  return examples.length;
}

// ---------------------------------------------------------------------------------------------
// The admin report

export interface CorrectionsSummary {
  model_version: string;
  /** How "seen" was decided: the model's training texts, or (without them) its training date. */
  seen_by: 'training_texts' | 'training_date';
  total: number;
  /** Corrections whose text the model in use was trained on. */
  seen_by_model: number;
  not_seen: number;
  by_field: { category: number; priority: number };
  by_category: { category: string | null; total: number; seen_by_model: number; not_seen: number }[];
}

const trainedTexts = new WeakMap<object, Set<number>>();

/** The fingerprints of the model's training texts, decoded once per model. */
function trainedTextsOf(model: BuiltInModel): Set<number> | null {
  if (!model.serialized) return null;
  let set = trainedTexts.get(model);
  if (!set) {
    set = new Set(decodeSortedUints(model.serialized.training.text_hashes));
    trainedTexts.set(model, set);
  }
  return set;
}

/** The training day from a version such as triage-2026.11.25-1a2b3c4d (start of the day, UTC). */
export function trainingDateOf(version: string): Date | null {
  const match = /(\d{4})\.(\d{2})\.(\d{2})/.exec(version);
  return match ? new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`) : null;
}

export async function correctionsSummary(db: Queryable, model: BuiltInModel): Promise<CorrectionsSummary> {
  const { rows } = await db.query<{
    text: string;
    field: 'category' | 'priority';
    category_code: string | null;
    created_at: Date;
  }>('SELECT text, field, category_code, created_at FROM triage_corrections ORDER BY id');
  const texts = trainedTextsOf(model);
  const trainedOn = trainingDateOf(model.version);
  const fingerprints = new Map<string, boolean>();
  const seen = (row: (typeof rows)[number]): boolean => {
    if (texts) {
      let known = fingerprints.get(row.text);
      if (known === undefined) {
        known = texts.has(textFingerprint(row.text));
        fingerprints.set(row.text, known);
      }
      return known;
    }
    return trainedOn !== null && row.created_at < trainedOn;
  };

  const byCategory = new Map<string | null, { total: number; seen_by_model: number }>();
  const byField = { category: 0, priority: 0 };
  let seenCount = 0;
  for (const row of rows) {
    const wasSeen = seen(row);
    if (wasSeen) seenCount += 1;
    byField[row.field] += 1;
    const entry = byCategory.get(row.category_code) ?? { total: 0, seen_by_model: 0 };
    entry.total += 1;
    if (wasSeen) entry.seen_by_model += 1;
    byCategory.set(row.category_code, entry);
  }
  return {
    model_version: model.version,
    seen_by: texts ? 'training_texts' : 'training_date',
    total: rows.length,
    seen_by_model: seenCount,
    not_seen: rows.length - seenCount,
    by_field: byField,
    by_category: [...byCategory.entries()]
      .map(([category, entry]) => ({ category, ...entry, not_seen: entry.total - entry.seen_by_model }))
      .sort((a, b) => b.total - a.total || String(a.category).localeCompare(String(b.category))),
  };
}
