// Feature extraction: a text becomes a sparse vector of hashed features from several views.
//   w:  folded words (diacritics off, abbreviations expanded), b: folded word bigrams
//   a:  accented words and  ab: accented bigrams (only for text written with diacritics)
//   s:  light English stems ("potholes", "flooded" -> "pothol", "flood")
//   c:  character n-grams of the folded text, word boundaries marked by spaces: these survive
//       missing diacritics, typos and run-together words
//   L:  lexicon concepts, LC: the category a concept points at, U: urgency cues
//   S:  punctuation signals ("!" for urgency, "?" for a question)
// Each view is weighted (1 + log tf), L2-normalised on its own and scaled by its weight, so a
// long view (character n-grams) does not drown the short ones.
import { type Lexicon, type LexiconMatch, PRIORITIES } from './lexicon.js';
import { type NormalizedText, normalizeText } from './normalize.js';

export interface FeatureConfig {
  /** Smallest and largest character n-gram. */
  charMin: number;
  charMax: number;
  /** Weights of the views. 0 switches a view off. */
  weights: {
    words: number;
    bigrams: number;
    accented: number;
    stems: number;
    chars: number;
    lexicon: number;
    /** Punctuation signals: "!" (urgency), "?" (a question). */
    signals: number;
  };
}

export const DEFAULT_FEATURES: FeatureConfig = {
  charMin: 2,
  charMax: 5,
  weights: { words: 1, bigrams: 1, accented: 0.6, stems: 0.5, chars: 1.4, lexicon: 0.5, signals: 0.3 },
};

/** A sparse vector of hashed features: hashes ascending and distinct, their values alongside. */
export interface HashedFeatures {
  hashes: Uint32Array;
  values: Float64Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over UTF-16 code units: stable across runs and machines. */
export function hashFeature(feature: string): number {
  return fnvUpdate(FNV_OFFSET, feature) >>> 0;
}

function fnvUpdate(state: number, text: string): number {
  let hash = state;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}

const SPACE = 0x20;

/** The hash state after a view's prefix ("w:", "c:" ...): features are hashed on from it. */
const prefixState = (prefix: string) => fnvUpdate(FNV_OFFSET, prefix);
const VIEW = {
  word: prefixState('w:'),
  bigram: prefixState('b:'),
  accented: prefixState('a:'),
  accentedBigram: prefixState('ab:'),
  stem: prefixState('s:'),
  char: prefixState('c:'),
  concept: prefixState('L:'),
  conceptCategory: prefixState('LC:'),
  cue: prefixState('U:'),
  cueLevel: prefixState('UL:'),
  signal: prefixState('S:'),
};

/**
 * One view's features, kept as the hashes of their names (hashFeature(`w:${word}`) and so on),
 * computed without building the names: a report has hundreds of features, and building and
 * counting their strings was most of classification's time and garbage.
 */
class View {
  private readonly hashes: number[] = [];

  /** The feature prefix + text. */
  add(prefix: number, text: string): void {
    this.hashes.push(fnvUpdate(prefix, text) >>> 0);
  }

  /** The feature prefix + first + " " + second (bigrams). */
  addPair(prefix: number, first: string, second: string): void {
    this.hashes.push(fnvUpdate(Math.imul(fnvUpdate(prefix, first) ^ SPACE, FNV_PRIME), second) >>> 0);
  }

  /** Every character n-gram of text, min to max long. */
  addCharNgrams(text: string, min: number, max: number): void {
    for (let i = 0; i < text.length; i++) {
      let hash = VIEW.char;
      for (let n = 1; n <= max && i + n <= text.length; n++) {
        hash = Math.imul(hash ^ text.charCodeAt(i + n - 1), FNV_PRIME);
        if (n >= min) this.hashes.push(hash >>> 0);
      }
    }
  }

  /** Adds this view into `out`: 1 + log tf, L2-normalised, times weight. */
  flush(out: FeatureSum, weight: number): void {
    if (weight === 0 || this.hashes.length === 0) return;
    const sorted = Uint32Array.from(this.hashes).sort();
    const first = out.length;
    let norm = 0;
    for (let start = 0; start < sorted.length; ) {
      let end = start + 1;
      while (end < sorted.length && sorted[end] === sorted[start]) end++;
      const value = 1 + Math.log(end - start);
      norm += value * value;
      out.push(sorted[start] as number, value);
      start = end;
    }
    out.scaleFrom(first, weight / Math.sqrt(norm));
  }
}

/** 32 bits of hash and 20 of position stay below 2^53: exact in a double. */
const POSITIONS = 2 ** 20;

/** The views' features, summed by hash when two views share one. */
class FeatureSum {
  private readonly hashes: number[] = [];
  private readonly values: number[] = [];

  get length(): number {
    return this.hashes.length;
  }

  push(hash: number, value: number): void {
    this.hashes.push(hash);
    this.values.push(value);
  }

  scaleFrom(first: number, scale: number): void {
    for (let i = first; i < this.values.length; i++) this.values[i] = (this.values[i] as number) * scale;
  }

  result(): HashedFeatures {
    // sort positions by hash (a hash and its position packed in one exact double), then merge
    const n = this.hashes.length;
    if (n > POSITIONS) throw new Error(`features: ${n} features in one text, at most ${POSITIONS}`);
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (this.hashes[i] as number) * POSITIONS + i;
    keys.sort();
    const hashes = new Uint32Array(n);
    const values = new Float64Array(n);
    let count = 0;
    for (let j = 0; j < n; j++) {
      const key = keys[j] as number;
      const hash = Math.floor(key / POSITIONS);
      const value = this.values[key - hash * POSITIONS] as number;
      if (count > 0 && hashes[count - 1] === hash) values[count - 1] = (values[count - 1] as number) + value;
      else {
        hashes[count] = hash;
        values[count++] = value;
      }
    }
    return { hashes: hashes.subarray(0, count), values: values.subarray(0, count) };
  }
}

/** Crude English stemming for the s: view; char n-grams catch the rest. */
export function stemEnglish(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ['ings', 'ing', 'edly', 'ed', 'ies', 'es', 's', 'ly']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      return suffix === 'ies' ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
    }
  }
  return word;
}

export function extractFeatures(
  text: string | NormalizedText,
  lexicon: Lexicon | null,
  config: FeatureConfig = DEFAULT_FEATURES,
  /** The lexicon's match of this text, when the caller already has it (classification needs it twice). */
  lexiconMatch?: LexiconMatch,
): HashedFeatures {
  const norm = typeof text === 'string' ? normalizeText(text) : text;
  const out = new FeatureSum();
  const w = config.weights;

  const words = new View();
  const bigrams = new View();
  const tokens = norm.foldedTokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    words.add(VIEW.word, token);
    bigrams.addPair(VIEW.bigram, i === 0 ? '^' : (tokens[i - 1] as string), token);
  }
  if (tokens.length > 0) bigrams.addPair(VIEW.bigram, tokens[tokens.length - 1] as string, '$');
  words.flush(out, w.words);
  bigrams.flush(out, w.bigrams);

  if (norm.diacritics && w.accented > 0) {
    const accented = new View();
    const at = norm.accentedTokens;
    for (let i = 0; i < at.length; i++) {
      accented.add(VIEW.accented, at[i] as string);
      if (i > 0) accented.addPair(VIEW.accentedBigram, at[i - 1] as string, at[i] as string);
    }
    accented.flush(out, w.accented);
  }

  if (norm.language === 'en' && w.stems > 0) {
    const stems = new View();
    for (const token of tokens) stems.add(VIEW.stem, stemEnglish(token));
    stems.flush(out, w.stems);
  }

  if (w.chars > 0) {
    const chars = new View();
    chars.addCharNgrams(` ${norm.folded} `, config.charMin, config.charMax);
    chars.flush(out, w.chars);
  }

  if (lexicon && w.lexicon > 0) {
    const lex = new View();
    const match = lexiconMatch ?? lexicon.match(norm.accentedTokens, norm.foldedTokens, norm.diacritics);
    for (const concept of match.concepts) {
      lex.add(VIEW.concept, concept.id);
      if (concept.category) lex.add(VIEW.conceptCategory, concept.category);
    }
    for (const cue of match.cues) {
      lex.add(VIEW.cue, cue.id);
      lex.add(VIEW.cueLevel, cue.level);
    }
    lex.flush(out, w.lexicon);
  }

  if (w.signals > 0) {
    const signals = new View();
    const exclamations = (norm.accented.match(/!/g) ?? []).length;
    if (exclamations > 0) signals.add(VIEW.signal, '!');
    if (exclamations > 1) signals.add(VIEW.signal, '!!');
    if (norm.accented.includes('?')) signals.add(VIEW.signal, '?');
    signals.flush(out, w.signals);
  }
  return out.result();
}

/** The highest level among the rule cues that match, or null. */
export function ruleLevel(text: string | NormalizedText, lexicon: Lexicon): (typeof PRIORITIES)[number] | null {
  const norm = typeof text === 'string' ? normalizeText(text) : text;
  let best = -1;
  for (const cue of lexicon.match(norm.accentedTokens, norm.foldedTokens, norm.diacritics).cues) {
    if (cue.rule) best = Math.max(best, PRIORITIES.indexOf(cue.level));
  }
  return best < 0 ? null : (PRIORITIES[best] ?? null);
}
