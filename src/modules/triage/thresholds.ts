// Auto-assign thresholds: per category, the confidence at which a new case goes straight to
// the agency routing picks, without waiting in the operators' queue. Off (null) by default:
// a city turns it on category by category once it trusts the model there.
import { prepared, type Queryable } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import type { AuditContext } from '../audit/service.js';
import { recordAudit } from '../audit/service.js';
import { explanationLine, routeCase } from '../routing/service.js';
import type { TriageSuggestion } from './service.js';

export interface CategoryThreshold {
  category: string;
  name_vi: string;
  name_en: string;
  /** null: off. */
  threshold: number | null;
  updated_at: Date | null;
}

/** Every category with its threshold (null where none is set). */
export async function listThresholds(db: Queryable): Promise<CategoryThreshold[]> {
  const { rows } = await db.query<CategoryThreshold>(
    `SELECT c.code AS category, c.name_vi, c.name_en, t.threshold, t.updated_at
       FROM categories c LEFT JOIN auto_assign_thresholds t ON t.category_code = c.code
      ORDER BY c.sort_order, c.code`,
  );
  // real is a float4: 0.9 comes back as 0.899999976...
  return rows.map((row) => ({ ...row, threshold: row.threshold === null ? null : roundThreshold(row.threshold) }));
}

const roundThreshold = (x: number) => Math.round(x * 10_000) / 10_000;

/** Sets the given categories' thresholds (null turns one off), in one transaction with its audit entry. */
export async function setThresholds(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  changes: readonly { category: string; threshold: number | null }[],
  context: AuditContext,
): Promise<void> {
  const codes = changes.map((c) => c.category);
  if (new Set(codes).size !== codes.length) throw badRequest('duplicate_category', 'Give each category once');
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ code: string }>('SELECT code FROM categories WHERE code = ANY($1::text[])', [
      codes,
    ]);
    const unknown = codes.filter((code) => !rows.some((row) => row.code === code));
    if (unknown.length > 0) {
      throw badRequest('unknown_category', `There is no category with the code ${unknown.join(', ')}`, { unknown });
    }
    for (const change of changes) {
      await tx.query(
        `INSERT INTO auto_assign_thresholds (category_code, threshold) VALUES ($1, $2)
         ON CONFLICT (category_code) DO UPDATE SET threshold = EXCLUDED.threshold`,
        [change.category, change.threshold],
      );
    }
    await recordAudit(tx, context, {
      action: 'triage.thresholds_updated',
      targetType: 'auto_assign_thresholds',
      details: { changes },
    });
  });
}

export interface AutoAssignment {
  categoryCode: string;
  agencyId: number;
  agencyCode: string;
  /** For the assigned event: routing's explanation, Vietnamese | English. */
  explanation: string;
}

// every batch of reports reads them
const THRESHOLDS_SET = prepared(
  'SELECT category_code, threshold FROM auto_assign_thresholds WHERE threshold IS NOT NULL',
);

/** The auto-assign threshold of each category that has one, by category code. */
export async function readThresholds(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ category_code: string; threshold: number }>(THRESHOLDS_SET);
  return new Map(rows.map((row) => [row.category_code, row.threshold]));
}

/**
 * The auto-assign rule, as intake runs it for a batch of new reports (thresholds read once per
 * batch): a report goes straight to an agency only when the model's category is the one the
 * citizen chose (or the citizen chose none), nothing in the text was flagged for a moderator,
 * the confidence reaches the category's threshold (compared at float4 precision, the precision
 * it is stored in), and routing finds an agency of the category's kind (not the IOC fallback).
 * Only the reports that reach their threshold are routed (the rest wait for an operator, who
 * sees routing's advice computed when the case is opened). The routing found is kept on the
 * suggestion.
 */
export async function decideAutoAssignments(
  db: Queryable,
  reports: { suggestion: TriageSuggestion; chosenCategory: string | null; lat: number; lon: number }[],
  thresholds: ReadonlyMap<string, number>,
): Promise<{ suggestion: TriageSuggestion; autoAssignment: AutoAssignment | null }[]> {
  const decided = [];
  for (const report of reports) {
    const { prediction, abuse } = report.suggestion;
    const threshold = thresholds.get(prediction.category);
    const candidate =
      threshold !== undefined &&
      Math.fround(prediction.confidence) >= Math.fround(threshold) &&
      !abuse.flagged &&
      (report.chosenCategory === null || report.chosenCategory === prediction.category);
    if (!candidate) {
      decided.push({ suggestion: report.suggestion, autoAssignment: null });
      continue;
    }
    const routing = await routeCase(db, prediction.category, report.lat, report.lon);
    const suggestion = { ...report.suggestion, routing };
    decided.push({
      suggestion,
      autoAssignment:
        routing.agency && !routing.fallback
          ? {
              categoryCode: prediction.category,
              agencyId: routing.agency.id,
              agencyCode: routing.agency.code,
              explanation: explanationLine(routing),
            }
          : null,
    });
  }
  return decided;
}
