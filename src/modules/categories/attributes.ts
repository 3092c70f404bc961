// The details a category asks of a report beside its text (Open311 service attributes): their
// definitions, as the city pack gives them, and the one check of a report's answers that the
// app's intake and Open311 both run. A wrong answer is a 400 that names the attribute.
import type { Queryable } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import type { AttributeValues, ReportInput } from '../../shared/cases.js';
import type { CategoryAttribute } from '../../shared/reference-data.js';

/** The attributes of an active category, in their order; null when there is no such category. */
export async function attributesOfCategory(db: Queryable, code: string): Promise<CategoryAttribute[] | null> {
  const { rows } = await db.query<{ attributes: CategoryAttribute[] }>(
    'SELECT attributes FROM categories WHERE code = $1 AND active',
    [code],
  );
  return rows[0] ? [...rows[0].attributes].sort((a, b) => a.order - b.order) : null;
}

/** What a client sent: one or more texts per code (form fields), or a number (JSON). */
export type RawAnswers = Record<string, string | number | string[]>;

export interface AnswerPolicy {
  /**
   * An answer to an attribute the category does not have: Open311 clients send extras of their
   * own (FixMyStreet adds its ids and coordinates for some cities), so they are ignored there;
   * our own app is told (refuse).
   */
  unknown: 'ignore' | 'refuse';
}

const MAX_LENGTH: Record<'string' | 'text', number> = { string: 500, text: 4000 };
const NUMBER = /^-?\d+(\.\d+)?$/;
// a date, or a date-time with its time zone: a bare local time would mean different moments
const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

const wrong = (code: string, message: string) =>
  badRequest('invalid_attribute', `The attribute ${code} ${message}`, { attribute: code });

/** The texts of an answer, trimmed, blanks dropped: FixMyStreet sends every field, empty ones too. */
function textsOf(raw: string | number | string[] | undefined): string[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [String(raw)];
  return list.map((value) => value.trim()).filter((value) => value !== '');
}

function single(attribute: CategoryAttribute, texts: string[]): string {
  if (texts.length > 1) throw wrong(attribute.code, 'takes one value');
  return texts[0] as string;
}

function answerOf(attribute: CategoryAttribute, texts: string[]): string | number | string[] {
  const { code, datatype } = attribute;
  const keys = new Set(attribute.values.map((value) => value.key));
  switch (datatype) {
    case 'string':
    case 'text': {
      const value = single(attribute, texts);
      if (value.length > MAX_LENGTH[datatype]) throw wrong(code, `may be at most ${MAX_LENGTH[datatype]} characters`);
      return value;
    }
    case 'number': {
      const value = single(attribute, texts);
      if (!NUMBER.test(value) || !Number.isFinite(Number(value)))
        throw wrong(code, `must be a number (got "${value}")`);
      return Number(value);
    }
    case 'datetime': {
      const value = single(attribute, texts);
      if (!DATETIME.test(value) || Number.isNaN(new Date(value).getTime())) {
        throw wrong(code, `must be a date (2026-01-31) or a date-time with a time zone (2026-01-31T08:15:00+07:00)`);
      }
      return value;
    }
    case 'singlevaluelist': {
      const value = single(attribute, texts);
      if (!keys.has(value)) throw wrong(code, `must be one of ${[...keys].join(', ')} (got "${value}")`);
      return value;
    }
    case 'multivaluelist': {
      for (const value of texts) {
        if (!keys.has(value)) throw wrong(code, `takes values among ${[...keys].join(', ')} (got "${value}")`);
      }
      return [...new Set(texts)];
    }
    default:
      throw new Error(`unknown datatype ${datatype satisfies never}`);
  }
}

/**
 * A report's answers checked against its category's attributes: every required one answered,
 * each of its datatype and, for lists, among the list's keys. Gives the answers to keep, by
 * code in the attributes' order (numbers as numbers, multivaluelist answers as lists).
 */
export function checkAttributeValues(
  attributes: readonly CategoryAttribute[],
  raw: RawAnswers,
  policy: AnswerPolicy,
): AttributeValues {
  const known = new Set(attributes.map((attribute) => attribute.code));
  if (policy.unknown === 'refuse') {
    const unknown = Object.keys(raw).find((code) => !known.has(code));
    if (unknown !== undefined) {
      throw badRequest('unknown_attribute', `This category has no attribute ${unknown}`, { attribute: unknown });
    }
  }
  const answers: AttributeValues = {};
  for (const attribute of attributes) {
    const texts = textsOf(Object.hasOwn(raw, attribute.code) ? raw[attribute.code] : undefined);
    if (texts.length === 0) {
      if (attribute.required) {
        throw badRequest(
          'attribute_required',
          `The attribute ${attribute.code} is required (${attribute.description_en})`,
          { attribute: attribute.code },
        );
      }
      continue;
    }
    answers[attribute.code] = answerOf(attribute, texts);
  }
  return answers;
}

/**
 * A report of the app with its answers checked against its category: an answer to an attribute
 * the category does not have is refused (our own app knows them all), and answers without a
 * category are refused too. Without a category, nothing is required: triage picks one later.
 */
export async function checkReportAttributes(db: Queryable, input: ReportInput): Promise<ReportInput> {
  const given = input.attributes ?? {};
  if (!input.category) {
    if (Object.keys(given).length > 0) {
      throw badRequest('attributes_without_category', "Attributes answer a category's questions: choose the category");
    }
    return input;
  }
  const attributes = await attributesOfCategory(db, input.category);
  if (attributes === null) return input; // intake answers an unknown category
  const answers = checkAttributeValues(attributes, given, { unknown: 'refuse' });
  const { attributes: _given, ...rest } = input;
  return Object.keys(answers).length > 0 ? { ...rest, attributes: answers } : rest;
}
