// A category's attributes (the details it asks of a report) and the answers to them, in the
// reader's language: the report form asks them, the review and the staff case show them.
import type { CategoryAttribute } from '../../../src/shared/reference-data';
import { i18next } from '../i18n';
import { formatDateTime } from './format';

/** Answers as the form holds them: a text, or the keys of a multivaluelist. */
export type AttributeAnswers = Record<string, string | string[]>;

const en = () => i18next.language === 'en';

export const attributeQuestion = (attribute: CategoryAttribute) =>
  en() ? attribute.description_en : attribute.description_vi;

export const attributeHint = (attribute: CategoryAttribute) =>
  (en() ? attribute.datatype_description_en : attribute.datatype_description_vi) ?? null;

const choiceName = (attribute: CategoryAttribute, key: string) => {
  const value = attribute.values.find((v) => v.key === key);
  return value ? (en() ? value.name_en : value.name_vi) : key;
};

const isBlank = (answer: unknown) =>
  answer === undefined ||
  answer === null ||
  (Array.isArray(answer) ? answer.length === 0 : String(answer).trim() === '');

/** An answer as words: list keys by their names, a date-time in the reader's format. */
export function answerText(attribute: CategoryAttribute | undefined, answer: unknown): string {
  const values = Array.isArray(answer) ? answer.map(String) : [String(answer)];
  if (!attribute) return values.join(', ');
  if (attribute.datatype === 'datetime') {
    const date = new Date(values[0] ?? '');
    return Number.isNaN(date.getTime()) ? (values[0] ?? '') : formatDateTime(date.toISOString());
  }
  return values.map((value) => choiceName(attribute, value)).join(', ');
}

/** The answers worth sending: trimmed, blanks left out; null when none is left. */
export function answersToSend(answers: AttributeAnswers): AttributeAnswers | null {
  const kept = Object.entries(answers)
    .map(([code, answer]): [string, string | string[]] => [code, Array.isArray(answer) ? answer : answer.trim()])
    .filter(([, answer]) => !isBlank(answer));
  return kept.length > 0 ? Object.fromEntries(kept) : null;
}

/** The first required attribute left unanswered, in the form's order. */
export function missingAttribute(
  attributes: readonly CategoryAttribute[] | undefined,
  answers: AttributeAnswers,
): CategoryAttribute | null {
  return (attributes ?? []).find((attribute) => attribute.required && isBlank(answers[attribute.code])) ?? null;
}

/** The answered attributes in the category's order, then any answer the category no longer asks. */
export function answeredList(
  attributes: readonly CategoryAttribute[] | undefined,
  answers: Record<string, unknown>,
): { code: string; question: string; text: string }[] {
  const known = [...(attributes ?? [])].sort((a, b) => a.order - b.order);
  const listed = known
    .filter((attribute) => !isBlank(answers[attribute.code]))
    .map((attribute) => ({
      code: attribute.code,
      question: attributeQuestion(attribute),
      text: answerText(attribute, answers[attribute.code]),
    }));
  const others = Object.entries(answers)
    .filter(([code, answer]) => !known.some((a) => a.code === code) && !isBlank(answer))
    .map(([code, answer]) => ({ code, question: code, text: answerText(undefined, answer) }));
  return [...listed, ...others];
}
