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

/** A sparse vector keyed by feature hash. */
export type HashedFeatures = Map<number, number>;

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

/** The hash state after "c:": character n-grams are hashed on from it. */
const CHAR_VIEW_STATE = fnvUpdate(FNV_OFFSET, 'c:');

/**
 * The hashes of every character n-gram of text, each equal to hashFeature(`c:${gram}`), sorted.
 * Hashing on from each start position builds no substring: this view has four times as many
 * features as the text has characters, and was most of classification's time and garbage.
 */
function charNgramHashes(text: string, min: number, max: number): Uint32Array {
  let total = 0;
  for (let n = min; n <= max; n++) total += Math.max(0, text.length - n + 1);
  const hashes = new Uint32Array(total);
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    let hash = CHAR_VIEW_STATE;
    for (let n = 1; n <= max && i + n <= text.length; n++) {
      hash = Math.imul(hash ^ text.charCodeAt(i + n - 1), FNV_PRIME);
      if (n >= min) hashes[k++] = hash >>> 0;
    }
  }
  return hashes.sort();
}

/** flush() for a view given as sorted hashes: equal hashes are one feature counted that often. */
function flushHashes(hashes: Uint32Array, out: HashedFeatures, weight: number): void {
  if (weight === 0 || hashes.length === 0) return;
  const runs: number[] = []; // hash, value, hash, value ...
  let norm = 0;
  for (let start = 0; start < hashes.length; ) {
    let end = start + 1;
    while (end < hashes.length && hashes[end] === hashes[start]) end++;
    const value = 1 + Math.log(end - start);
    norm += value * value;
    runs.push(hashes[start] as number, value);
    start = end;
  }
  const scale = weight / Math.sqrt(norm);
  for (let j = 0; j < runs.length; j += 2) {
    const hash = runs[j] as number;
    out.set(hash, (out.get(hash) ?? 0) + (runs[j + 1] as number) * scale);
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

class ViewBuilder {
  private readonly counts = new Map<string, number>();
  add(feature: string): void {
    this.counts.set(feature, (this.counts.get(feature) ?? 0) + 1);
  }
  /** Adds this view into `out`, 1 + log tf, L2-normalised, times weight. */
  flush(out: HashedFeatures, weight: number): void {
    if (weight === 0 || this.counts.size === 0) return;
    let norm = 0;
    const values: [number, number][] = [];
    for (const [feature, count] of this.counts) {
      const value = 1 + Math.log(count);
      norm += value * value;
      values.push([hashFeature(feature), value]);
    }
    const scale = weight / Math.sqrt(norm);
    for (const [hash, value] of values) out.set(hash, (out.get(hash) ?? 0) + value * scale);
  }
}

export function extractFeatures(
  text: string | NormalizedText,
  lexicon: Lexicon | null,
  config: FeatureConfig = DEFAULT_FEATURES,
  /** The lexicon's match of this text, when the caller already has it (classification needs it twice). */
  lexiconMatch?: LexiconMatch,
): HashedFeatures {
  const norm = typeof text === 'string' ? normalizeText(text) : text;
  const out: HashedFeatures = new Map();
  const w = config.weights;

  const words = new ViewBuilder();
  const bigrams = new ViewBuilder();
  const tokens = norm.foldedTokens;
  for (let i = 0; i < tokens.length; i++) {
    words.add(`w:${tokens[i]}`);
    bigrams.add(`b:${i === 0 ? '^' : tokens[i - 1]} ${tokens[i]}`);
  }
  if (tokens.length > 0) bigrams.add(`b:${tokens[tokens.length - 1]} $`);
  words.flush(out, w.words);
  bigrams.flush(out, w.bigrams);

  if (norm.diacritics && w.accented > 0) {
    const accented = new ViewBuilder();
    const at = norm.accentedTokens;
    for (let i = 0; i < at.length; i++) {
      accented.add(`a:${at[i]}`);
      if (i > 0) accented.add(`ab:${at[i - 1]} ${at[i]}`);
    }
    accented.flush(out, w.accented);
  }

  if (norm.language === 'en' && w.stems > 0) {
    const stems = new ViewBuilder();
    for (const token of tokens) stems.add(`s:${stemEnglish(token)}`);
    stems.flush(out, w.stems);
  }

  if (w.chars > 0) flushHashes(charNgramHashes(` ${norm.folded} `, config.charMin, config.charMax), out, w.chars);

  if (lexicon && w.lexicon > 0) {
    const lex = new ViewBuilder();
    const match = lexiconMatch ?? lexicon.match(norm.accentedTokens, norm.foldedTokens, norm.diacritics);
    for (const concept of match.concepts) {
      lex.add(`L:${concept.id}`);
      if (concept.category) lex.add(`LC:${concept.category}`);
    }
    for (const cue of match.cues) {
      lex.add(`U:${cue.id}`);
      lex.add(`UL:${cue.level}`);
    }
    lex.flush(out, w.lexicon);
  }

  if (w.signals > 0) {
    const signals = new ViewBuilder();
    const exclamations = (norm.accented.match(/!/g) ?? []).length;
    if (exclamations > 0) signals.add('S:!');
    if (exclamations > 1) signals.add('S:!!');
    if (norm.accented.includes('?')) signals.add('S:?');
    signals.flush(out, w.signals);
  }
  return out;
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
