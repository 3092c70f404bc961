// Flags reports for a moderator: insults and profanity (Vietnamese with and without diacritics,
// English), advertising, links, and spam patterns (long runs of one letter, one word repeated).
// Word lists: data-sets/triage/abuse-words.json. A flag asks for a human look; it rejects nothing.
// Repeated identical reports are detected in the database, not here.
import { readFileSync } from 'node:fs';
import { TRIAGE_DATA } from './model/data.js';
import { Lexicon } from './model/lexicon.js';
import { canonical, normalizeText } from './model/normalize.js';

// repeated_report is found by intake (the same text from the same person within a day), not in the text alone
export type AbuseReason =
  | 'insult'
  | 'advertising'
  | 'link'
  | 'repeated_characters'
  | 'repeated_words'
  | 'repeated_report';

export interface AbuseVerdict {
  flagged: boolean;
  reasons: AbuseReason[];
}

export interface AbuseWords {
  insult: { vi: string[]; en: string[] };
  advertising: { vi: string[]; en: string[] };
}

export const ABUSE_WORDS_PATH = `${TRIAGE_DATA.dir}abuse-words.json`;

function parseAbuseWords(json: unknown): AbuseWords {
  const lists = (value: unknown, name: string) => {
    const v = value as { vi?: unknown; en?: unknown } | undefined;
    const ok = (x: unknown): x is string[] => Array.isArray(x) && x.every((t) => typeof t === 'string' && t !== '');
    if (!ok(v?.vi) || !ok(v?.en)) throw new Error(`abuse words: "${name}" needs string lists "vi" and "en"`);
    return { vi: v.vi, en: v.en };
  };
  const j = json as Record<string, unknown>;
  return { insult: lists(j?.insult, 'insult'), advertising: lists(j?.advertising, 'advertising') };
}

/** A detector over the given word lists (default: data-sets/triage/abuse-words.json). */
export function createAbuseDetector(words?: AbuseWords): (text: string) => AbuseVerdict {
  const lists = words ?? parseAbuseWords(JSON.parse(readFileSync(ABUSE_WORDS_PATH, 'utf8')));
  // The lexicon matcher already knows whole words, prefixes and the accented/unaccented rule.
  const lexicon = new Lexicon({
    concepts: [
      { id: 'insult', category: null, terms: [...lists.insult.vi, ...lists.insult.en] },
      { id: 'advertising', category: null, terms: [...lists.advertising.vi, ...lists.advertising.en] },
    ],
    cues: [],
  });
  return (text: string) => {
    const reasons: AbuseReason[] = [];
    const norm = normalizeText(text);
    // Match on the tokens before abbreviation expansion ("vl" must stay "vl").
    const raw = canonical(text);
    const matched = new Set(
      lexicon.match(norm.accentedTokens, foldedRawTokens(raw), norm.diacritics).concepts.map((c) => c.id),
    );
    if (matched.has('insult')) reasons.push('insult');
    if (matched.has('advertising')) reasons.push('advertising');
    if (LINK.test(raw)) reasons.push('link');
    // Eight or more of one letter ("ơiiii" and "!!!!!!" are how people stress a message, not spam).
    if (/(\p{L})\1{7,}/u.test(raw)) reasons.push('repeated_characters');
    if (hasRepeatedWords(norm.accentedTokens)) reasons.push('repeated_words');
    return { flagged: reasons.length > 0, reasons };
  };
}

const LINK =
  /(?:https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|net|org|vn|info|xyz|top|site|online|shop|ly|me|io|co)(?:\/|\b))/i;

function foldedRawTokens(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .normalize('NFC')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** One word five times in a row, or a text that is mostly one word said over and over. */
function hasRepeatedWords(tokens: readonly string[]): boolean {
  let run = 1;
  for (let i = 1; i < tokens.length; i++) {
    run = tokens[i] === tokens[i - 1] ? run + 1 : 1;
    if (run >= 5) return true;
  }
  if (tokens.length >= 8) {
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    if (Math.max(...counts.values()) / tokens.length > 0.5) return true;
  }
  return false;
}

let defaultDetector: ((text: string) => AbuseVerdict) | undefined;

/** Flags insults, advertising, links and spam patterns in a report's text. */
export function detectAbuse(text: string): AbuseVerdict {
  defaultDetector ??= createAbuseDetector();
  return defaultDetector(text);
}
