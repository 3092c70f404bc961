// The city's lexicon: vi/en terms grouped into concepts ("pothole": ổ gà, ổ voi, pothole, ...),
// each concept pointing at a category, and cues of urgency. It is a bridge between languages
// and spellings: an English "sinkhole" and a Vietnamese "hố sụt" fire the same features, so what
// the model learns from one helps the other. The lexicon is stored inside the model artifact,
// so a model always classifies with the lexicon it was trained with.
import { canonical, foldDiacritics, hasVietnameseDiacritics, tokenize } from './normalize.js';

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/** A concept: terms in any language that mean one thing the city handles. */
export interface LexiconConcept {
  id: string;
  /** The category this concept points at, or null for a concept shared by several. */
  category: string | null;
  terms: string[];
}

/** Words that tell how pressing a report is. `rule: true` cues raise a report to their level. */
export interface LexiconCue {
  id: string;
  level: Priority;
  /** When true, a match raises the predicted priority to `level` (safety rule). */
  rule: boolean;
  terms: string[];
  /** The cue does not fire when one of these matches ("chữa cháy", fire fighting, for a fire cue). */
  unless?: string[];
}

export interface LexiconData {
  about?: string;
  concepts: LexiconConcept[];
  cues: LexiconCue[];
}

/**
 * One term compiled for matching. A term written with diacritics matches the accented tokens;
 * its folded form matches folded tokens only in a message written without diacritics (in a
 * message with them, "chay" is "chạy", to run, not "cháy", fire). A leading "=" keeps a term
 * to text with diacritics, for words whose folded form means something else too ("=cống",
 * drain, folds to "cong" as in "công an"). A trailing "*" on the last word matches any word that
 * starts with it ("pothole*": potholes).
 */
interface CompiledTerm {
  words: string[];
  prefix: boolean;
  /** 'accented': match accented tokens; 'folded': match folded tokens when the text has no diacritics; 'any': match folded tokens always. */
  stream: 'accented' | 'folded' | 'any';
  kind: 'concept' | 'cue' | 'unless';
  index: number;
}

export interface LexiconMatch {
  concepts: LexiconConcept[];
  cues: LexiconCue[];
}

export class Lexicon {
  readonly data: LexiconData;
  private readonly byFirstWord = new Map<string, CompiledTerm[]>();
  /** One-word prefix terms by their first character: a token is checked only against its own. */
  private readonly prefixTermsByFirstChar = new Map<string, CompiledTerm[]>();

  constructor(data: LexiconData) {
    this.data = data;
    data.concepts.forEach((concept, index) => {
      for (const term of concept.terms) this.compile(term, 'concept', index);
    });
    data.cues.forEach((cue, index) => {
      for (const term of cue.terms) this.compile(term, 'cue', index);
      for (const term of cue.unless ?? []) this.compile(term, 'unless', index);
    });
  }

  private compile(term: string, kind: CompiledTerm['kind'], index: number): void {
    const accentedOnly = term.startsWith('=');
    const prefix = term.endsWith('*');
    const text = canonical(term.slice(accentedOnly ? 1 : 0, prefix ? -1 : undefined));
    const add = (words: string[], stream: CompiledTerm['stream']) => {
      if (words.length === 0) return;
      const compiled: CompiledTerm = { words, prefix, stream, kind, index };
      const first = words[0] as string;
      const [table, key] =
        prefix && words.length === 1 ? [this.prefixTermsByFirstChar, first.charAt(0)] : [this.byFirstWord, first];
      const list = table.get(key) ?? [];
      list.push(compiled);
      table.set(key, list);
    };
    if (hasVietnameseDiacritics(text)) {
      add(tokenize(text), 'accented');
      if (!accentedOnly) add(tokenize(foldDiacritics(text)), 'folded');
    } else {
      add(tokenize(text), 'any');
    }
  }

  /** The concepts and cues whose terms occur in the text (each at most once). */
  match(accentedTokens: readonly string[], foldedTokens: readonly string[], diacritics: boolean): LexiconMatch {
    const concepts = new Set<number>();
    const cues = new Set<number>();
    const vetoed = new Set<number>();
    const hit = (term: CompiledTerm) =>
      (term.kind === 'concept' ? concepts : term.kind === 'cue' ? cues : vetoed).add(term.index);
    const scan = (tokens: readonly string[], streams: ReadonlySet<CompiledTerm['stream']>) => {
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i] as string;
        for (const term of this.byFirstWord.get(token) ?? []) {
          if (streams.has(term.stream) && matchesAt(tokens, i, term)) hit(term);
        }
        for (const term of this.prefixTermsByFirstChar.get(token.charAt(0)) ?? []) {
          if (streams.has(term.stream) && token.startsWith(term.words[0] as string)) hit(term);
        }
      }
    };
    if (diacritics) {
      scan(accentedTokens, new Set(['accented']));
      scan(foldedTokens, new Set(['any']));
    } else {
      scan(foldedTokens, new Set(['folded', 'any']));
    }
    return {
      concepts: [...concepts].sort((a, b) => a - b).map((i) => this.data.concepts[i] as LexiconConcept),
      cues: [...cues]
        .filter((i) => !vetoed.has(i))
        .sort((a, b) => a - b)
        .map((i) => this.data.cues[i] as LexiconCue),
    };
  }
}

function matchesAt(tokens: readonly string[], start: number, term: CompiledTerm): boolean {
  const last = term.words.length - 1;
  if (start + last >= tokens.length) return false;
  for (let k = 0; k <= last; k++) {
    const token = tokens[start + k] as string;
    const word = term.words[k] as string;
    if (k === last && term.prefix ? !token.startsWith(word) : token !== word) return false;
  }
  return true;
}

/** Checks the shape of lexicon JSON; throws with the first problem found. */
export function parseLexicon(json: unknown): LexiconData {
  const fail = (why: string): never => {
    throw new Error(`lexicon: ${why}`);
  };
  if (typeof json !== 'object' || json === null) fail('not an object');
  const { concepts, cues, about } = json as Record<string, unknown>;
  if (!Array.isArray(concepts) || !Array.isArray(cues)) return fail('needs arrays "concepts" and "cues"');
  const strings = (value: unknown, where: string): string[] =>
    Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '')
      ? (value as string[])
      : fail(`${where}: terms must be non-empty strings`);
  return {
    ...(typeof about === 'string' ? { about } : {}),
    concepts: concepts.map((c: Record<string, unknown>, i) => {
      if (typeof c?.id !== 'string') fail(`concept ${i} has no id`);
      if (c.category !== null && typeof c.category !== 'string') fail(`concept ${String(c.id)}: bad category`);
      return { id: c.id as string, category: c.category as string | null, terms: strings(c.terms, String(c.id)) };
    }),
    cues: cues.map((c: Record<string, unknown>, i) => {
      if (typeof c?.id !== 'string') fail(`cue ${i} has no id`);
      if (!PRIORITIES.includes(c.level as Priority)) fail(`cue ${String(c.id)}: bad level`);
      return {
        id: c.id as string,
        level: c.level as Priority,
        rule: c.rule === true,
        terms: strings(c.terms, String(c.id)),
      };
    }),
  };
}
