// Masks personal data in a report's text before anything of it is shown publicly: Vietnamese
// phone numbers, national ID numbers (CMND 9 digits, CCCD 12 digits), e-mail addresses,
// Vietnamese licence plates, and the reporter's own name and phone however they are typed.
// Conservative on purpose: house numbers ("kiệt 45", "số 102"), dates, times and prices stay.
//
// Matching runs on a folded copy of the text (Unicode NFKC, format characters removed, digits
// of every script made ASCII, no diacritics, lower case), so that "０９０５ １２３ ４５６",
// "0905\u00ad123456" or "an＠mail.vn" are found; what is masked is the matching stretch of the
// text as written, so the rest of it (emoji, "m²", fullwidth letters) is published unchanged.
import { type FoldedView, foldCodePoint, foldedView, originalSpan } from './folding.js';

export const REDACTION_MASKS = {
  email: '[email]',
  phone: '[phone]',
  id: '[id]',
  plate: '[plate]',
  name: '[name]',
} as const;
type MaskKind = keyof typeof REDACTION_MASKS;

/** Who wrote the report, to find them in their own text (any may be missing). */
export interface ReporterIdentity {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

// Between the groups of a number: spaces (no-break ones are spaces after NFKC), dots, dashes
// of every kind, slashes, underscores and brackets, up to three in a row ("0905 - 123 - 456").
const SEP = '[\\s.\\-\\u2010-\\u2015\\u2212/_()\\u2215]';
const SEPS = `${SEP}{0,3}`;
// Not right after a digit; not right before a digit nor before a separator and a digit
// (the number would go on: a date range, a longer account number).
const NOT_AFTER_DIGIT = '(?<!\\p{N})';
const END = '(?!\\p{N})(?![.\\-\\u2010-\\u2015/_:]\\d)';
// Not preceded or followed by a letter or digit (\b does not know Vietnamese letters).
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

const AT = '(?:\\s?@\\s?|\\s?[[(]at[\\])]\\s?)';
const DOT = '(?:\\.|\\s?[[(]dot[\\])]\\s?)';
const EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+${AT}[\\p{L}\\p{N}-]+(?:${DOT}[\\p{L}\\p{N}-]+)*${DOT}\\p{L}{2,}${E}`,
  'gu',
);

// +84 / 0084 / 84 / 0, then 9 or 10 more digits, the first not 0: mobiles (0905 123 456),
// landlines with their area code ((0234) 3822 123, 024 3826 1234), "+84 (0) 905 123 456".
const COUNTRY = `(?:\\(\\s*)?(?:\\+|00)\\s*84\\s*\\)?(?:\\s*\\(0\\))?(?:${SEPS}0)?`;
const PHONE = new RegExp(
  `${NOT_AFTER_DIGIT}(?:${COUNTRY}|(?<!\\p{L})84|\\(?0)${SEPS}[1-9](?:${SEPS}\\d){8,9}${END}`,
  'gu',
);
// "05/12/2025 10:30" has the digits of a phone number; a date at the start is not one.
const STARTS_WITH_DATE = /^\(?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?!\d)/;

// Licence plates: 75A-123.45, 75B1-234.56, 29A12345, 43C 123.45, 75-B1 234.56, 29LD-123.45, 51F-1234.
const PLATE = new RegExp(
  `${B}\\d{2}[ -]?(?:[a-z]{1,2}\\d?|[a-z]\\d{0,2})[ .-]?(?:\\d{3}[.]?\\d{2}|\\d{4,5})${E}`,
  'gu',
);

// National ID numbers: 12 digits (CCCD, a province code 0xx first) or 9 (CMND), grouped or
// not. Dots group thousands in amounts ("150.000.000 đồng"), so they only count in a CCCD.
const MONEY_AFTER = '(?!\\s?(?:d|dong|vnd|trieu|ty|nghin|ngan|k)(?![\\p{L}\\p{N}]))';
const ONE_SEP = '[\\s\\-\\u2010-\\u2015/_]?';
const NATIONAL_ID = new RegExp(
  `${B}(?:0\\d(?:[\\s.\\-\\u2010-\\u2015/_]?\\d){10}|\\d(?:${ONE_SEP}\\d){11}|\\d(?:${ONE_SEP}\\d){8})${END}${E}${MONEY_AFTER}`,
  'gu',
);

const GENERAL: [MaskKind, RegExp][] = [
  ['email', EMAIL],
  ['phone', PHONE],
  ['plate', PLATE],
  ['id', NATIONAL_ID],
];

interface Span {
  start: number;
  end: number;
  kind: MaskKind;
}

function collect(spans: Span[], text: string, kind: MaskKind, pattern: RegExp, keep?: (found: string) => boolean) {
  for (const match of text.matchAll(pattern)) {
    if (keep && !keep(match[0])) continue;
    spans.push({ start: match.index, end: match.index + match[0].length, kind });
  }
}

// ---------------------------------------------------------------------------------------------
// The reporter's own name and phone

const fold = (text: string) => Array.from(text.normalize('NFC'), foldCodePoint).join('');

// The reporter's identity is looked for with patterns compiled once, not one per reporter
// (compiling a Unicode pattern costs milliseconds: a map page shows hundreds of reporters).
const WORD = /[\p{L}\p{N}]+/gu;
const BETWEEN_NAME_WORDS = /^[\s._-]+$/;
const DIGIT_RUN = new RegExp(`(?:\\+|00)?\\d(?:${SEPS}\\d)*`, 'g');
/** What may come before the reporter's number in a run of digits: the trunk or country prefix. */
const PHONE_PREFIXES = ['00840', '0084', '840', '84', '0'];
const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

interface FoldedIdentity {
  /** The name's words, folded; null when too short to look for. */
  name: string[] | null;
  /** A one-word name: the text may drop its accents but not change them ("Minh" is not "mình"). */
  nameAccents: string | null;
  /** The national number's digits (no trunk 0 or country code 84). */
  phone: string | null;
  email: string | null;
}

/** Names shorter than this (one word) are left alone: "An" would mask "an toàn". */
const MIN_ONE_WORD_NAME = 4;

function foldName(name: string): Pick<FoldedIdentity, 'name' | 'nameAccents'> {
  const words = fold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0 || (words.length === 1 && (words[0] as string).length < MIN_ONE_WORD_NAME)) {
    return { name: null, nameAccents: null };
  }
  return { name: words, nameAccents: words.length === 1 ? name.normalize('NFC').trim() : null };
}

function foldPhone(phone: string): string | null {
  let digits = fold(phone).replace(/\D/g, '');
  if (digits.startsWith('84') && digits.length >= 11) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  return digits.length >= 7 ? digits : null;
}

const identityCache = new Map<string, FoldedIdentity>();
const IDENTITY_CACHE_SIZE = 5000;

function foldIdentity(identity: ReporterIdentity): FoldedIdentity {
  const key = `${identity.name ?? ''}\u0000${identity.phone ?? ''}\u0000${identity.email ?? ''}`;
  let folded = identityCache.get(key);
  if (!folded) {
    const email = identity.email ? fold(identity.email).trim() : '';
    folded = {
      ...(identity.name ? foldName(identity.name) : { name: null, nameAccents: null }),
      phone: identity.phone ? foldPhone(identity.phone) : null,
      email: email.includes('@') ? email : null,
    };
    if (identityCache.size >= IDENTITY_CACHE_SIZE) identityCache.clear();
    identityCache.set(key, folded);
  }
  return folded;
}

const hasDiacritic = (char: string) => foldCodePoint(char) !== char.toLowerCase();

/** A one-word name found in the text: each accented letter as written must be the name's. */
function accentsAgree(written: string, name: string): boolean {
  const letters = (text: string) => Array.from(text).filter((char) => foldCodePoint(char) !== '');
  const typed = letters(written);
  const named = letters(name);
  if (typed.length !== named.length) return true; // cannot line them up: mask, to be safe
  return typed.every((char, i) => !hasDiacritic(char) || char.toLowerCase() === (named[i] as string).toLowerCase());
}

/** The name as a whole sequence of words, each a whole word of the text. */
function findName(spans: Span[], view: FoldedView, words: string[], accents: string | null) {
  const tokens = [...view.text.matchAll(WORD)];
  for (let i = 0; i + words.length <= tokens.length; i += 1) {
    let matches = true;
    for (let w = 0; w < words.length && matches; w += 1) {
      const token = tokens[i + w] as RegExpExecArray;
      matches = token[0] === words[w];
      if (matches && w > 0) {
        const previous = tokens[i + w - 1] as RegExpExecArray;
        matches = BETWEEN_NAME_WORDS.test(view.text.slice(previous.index + previous[0].length, token.index));
      }
    }
    if (!matches) continue;
    const last = tokens[i + words.length - 1] as RegExpExecArray;
    const span = {
      start: (tokens[i] as RegExpExecArray).index,
      end: last.index + last[0].length,
      kind: 'name' as const,
    };
    if (accents) {
      const [from, to] = originalSpan(view, span.start, span.end);
      if (!accentsAgree(view.original.slice(from, to), accents)) continue;
    }
    spans.push(span);
  }
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Each place the text is exactly this, not inside a longer word (EMAIL misses some addresses). */
function findWhole(spans: Span[], view: FoldedView, wanted: string, kind: MaskKind) {
  for (let at = view.text.indexOf(wanted); at >= 0; at = view.text.indexOf(wanted, at + 1)) {
    const end = at + wanted.length;
    if (!isWordChar(view.text[at - 1]) && !isWordChar(view.text[end])) spans.push({ start: at, end, kind });
  }
}

/** The reporter's number in any run of digits, however grouped, with or without 0, 84 or +84. */
function findPhone(spans: Span[], view: FoldedView, national: string) {
  for (const run of view.text.matchAll(DIGIT_RUN)) {
    const positions: number[] = [];
    for (let i = 0; i < run[0].length; i += 1) if (isDigit(run[0][i])) positions.push(run.index + i);
    const digits = positions.map((at) => view.text[at]).join('');
    for (let found = digits.indexOf(national); found >= 0; found = digits.indexOf(national, found + 1)) {
      const end = (positions[found + national.length - 1] as number) + 1;
      if (isDigit(view.text[end])) continue; // the number goes on: another one
      const before = digits.slice(0, found);
      const first = found - (PHONE_PREFIXES.find((prefix) => before.endsWith(prefix))?.length ?? 0);
      // digits right before it (not a prefix it may carry) make it part of another number
      if (first > 0 && (positions[first] as number) - (positions[first - 1] as number) === 1) continue;
      const start = first === 0 && run[0].startsWith('+') ? run.index : (positions[first] as number);
      spans.push({ start, end, kind: 'phone' });
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** One reporter or several (the citizen, and the person an Open311 client filed for). */
export type Reporters = ReporterIdentity | readonly ReporterIdentity[] | null | undefined;

function spansOf(text: string, reporters: Reporters, general: boolean): { view: FoldedView; spans: Span[] } {
  const view = foldedView(text);
  const spans: Span[] = [];
  // the reporter's own first: a tie ("905 123 456" is also 9 digits) is named after them
  for (const identity of reporters ? [reporters].flat() : []) {
    const own = foldIdentity(identity);
    if (own.email) findWhole(spans, view, own.email, 'email');
    if (own.phone) findPhone(spans, view, own.phone);
    if (own.name) findName(spans, view, own.name, own.nameAccents);
  }
  if (general) {
    for (const [kind, pattern] of GENERAL) {
      collect(spans, view.text, kind, pattern, kind === 'phone' ? (found) => !STARTS_WITH_DATE.test(found) : undefined);
    }
  }
  return { view, spans };
}

function mask(text: string, reporters: Reporters, general: boolean): string {
  const { view, spans } = spansOf(text, reporters, general);
  if (spans.length === 0) return view.original;
  // overlapping finds become one mask, named after the one that starts first (then the longest)
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let written = 0;
  let current: Span | null = null;
  const flush = () => {
    if (!current) return;
    const [from, to] = originalSpan(view, current.start, current.end);
    out += view.original.slice(written, from) + REDACTION_MASKS[current.kind];
    written = to;
  };
  for (const span of spans) {
    if (current && span.start < current.end) {
      current.end = Math.max(current.end, span.end);
      continue;
    }
    flush();
    current = { ...span };
  }
  flush();
  return out + view.original.slice(written);
}

/**
 * The text with e-mail addresses, phone numbers, licence plates and ID numbers masked, and,
 * when the reporter is given, their own name and phone wherever they typed them.
 */
export function redactPersonalData(text: string, reporters?: Reporters): string {
  return mask(text, reporters, true);
}

/** Only the reporter's own name, phone and e-mail masked (an anonymous report, for agency staff). */
export function maskReporterIdentity(text: string, reporters: Reporters): string {
  return mask(text, reporters, false);
}
