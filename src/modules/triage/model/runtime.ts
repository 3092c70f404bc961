// What classification needs at run time: turning hashed features into the model's TF-IDF
// vector, the two linear classifiers, and the priority decision (classifier + safety rules).
import { decodeInt8, decodeSortedUints, decodeUints } from './codec.js';
import { extractFeatures, type HashedFeatures } from './features.js';
import { Lexicon, PRIORITIES, type Priority } from './lexicon.js';
import { type LinearModel, linearScores, type SparseVector, softmax } from './logistic.js';
import { normalizeText } from './normalize.js';
import type { SerializedLinear, SerializedModel } from './serialized.js';

/**
 * Hash → vocabulary index, as an open-addressing table in typed arrays: feature hashes are
 * 32-bit unsigned numbers, which a Map would box on every lookup (the hot path of classification).
 */
class HashIndex {
  private readonly keys: Uint32Array;
  private readonly values: Int32Array;
  private readonly mask: number;

  constructor(hashes: readonly number[]) {
    let capacity = 1;
    while (capacity < hashes.length * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.values = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    hashes.forEach((hash, i) => {
      let slot = this.slotOf(hash);
      while (this.values[slot] !== -1 && this.keys[slot] !== hash) slot = (slot + 1) & this.mask;
      this.keys[slot] = hash;
      this.values[slot] = i;
    });
  }

  private slotOf(hash: number): number {
    return (Math.imul(hash, 0x9e3779b1) >>> 0) & this.mask;
  }

  get(hash: number): number | undefined {
    let slot = this.slotOf(hash);
    for (;;) {
      const value = this.values[slot] as number;
      if (value === -1) return undefined;
      if (this.keys[slot] === hash) return value;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Maps hashed features to vocabulary indices, weighs them by IDF and scales to a fixed length. */
export class Vectorizer {
  readonly index: HashIndex;
  readonly idf: Float64Array;
  private readonly scratch: Float64Array;

  constructor(
    hashes: readonly number[],
    df: readonly number[],
    documents: number,
    readonly norm: number,
  ) {
    if (hashes.length !== df.length) throw new Error('vocabulary: hashes and df differ in length');
    this.index = new HashIndex(hashes);
    this.idf = new Float64Array(hashes.length);
    this.scratch = new Float64Array(hashes.length);
    hashes.forEach((_, i) => {
      this.idf[i] = Math.log((1 + documents) / (1 + (df[i] as number))) + 1;
    });
  }

  get size(): number {
    return this.idf.length;
  }

  vectorize(features: HashedFeatures): SparseVector {
    // Indices are distinct (one per hash): sort them as a typed array, then read each one's
    // value back from a scratch array as long as the vocabulary (only the slots just written
    // are read, so it is never cleared; classification is synchronous, so never shared).
    const { hashes, values } = features;
    const found = new Int32Array(hashes.length);
    const scratch = this.scratch;
    let count = 0;
    let squared = 0;
    for (let j = 0; j < hashes.length; j++) {
      const i = this.index.get(hashes[j] as number);
      if (i === undefined) continue;
      const v = (values[j] as number) * (this.idf[i] as number);
      found[count++] = i;
      scratch[i] = v;
      squared += v * v;
    }
    const idx = found.subarray(0, count).sort();
    const scale = squared > 0 ? this.norm / Math.sqrt(squared) : 0;
    const val = new Float64Array(count);
    for (let j = 0; j < count; j++) val[j] = (scratch[idx[j] as number] as number) * scale;
    return { idx, val };
  }
}

/** Quantises weights to int8, one scale per class (the largest weight of the class maps to 127). */
export function quantize(weights: Float64Array, classes: number): { q: Int8Array; scales: number[] } {
  const scales = new Array<number>(classes).fill(0);
  for (let i = 0; i < weights.length; i++) {
    const k = i % classes;
    scales[k] = Math.max(scales[k] as number, Math.abs(weights[i] as number));
  }
  for (let k = 0; k < classes; k++) scales[k] = (scales[k] as number) > 0 ? (scales[k] as number) / 127 : 1;
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    q[i] = Math.max(-127, Math.min(127, Math.round((weights[i] as number) / (scales[i % classes] as number))));
  }
  return { q, scales };
}

/**
 * A shipped linear model, its weights kept as the int8 they are stored in: eight times smaller
 * than doubles, so the rows a report touches mostly come from the CPU's cache, which is what
 * scoring waits on. A class's scale is applied once to its sum instead of to every weight.
 */
export interface QuantizedModel {
  classes: number;
  q: Int8Array;
  scales: Float64Array;
  bias: Float64Array;
}

export function loadQuantized(serialized: SerializedLinear, features: number): QuantizedModel {
  const K = serialized.classes.length;
  const q = decodeInt8(serialized.weights);
  if (q.length !== features * K) throw new Error(`model: ${q.length} weights for ${features} features x ${K} classes`);
  return { classes: K, q, scales: Float64Array.from(serialized.scales), bias: Float64Array.from(serialized.bias) };
}

/** Probabilities of a quantized model at a temperature. */
export function quantizedProbabilities(model: QuantizedModel, x: SparseVector, temperature: number): Float64Array {
  const K = model.classes;
  const sums = new Float64Array(K);
  const { idx, val } = x;
  const q = model.q;
  for (let j = 0; j < idx.length; j++) {
    const base = (idx[j] as number) * K;
    const v = val[j] as number;
    for (let k = 0; k < K; k++) sums[k] = (sums[k] as number) + v * (q[base + k] as number);
  }
  for (let k = 0; k < K; k++) sums[k] = (model.bias[k] as number) + (sums[k] as number) * (model.scales[k] as number);
  return softmax(sums, temperature);
}

/** Probabilities of a linear model at a temperature. */
export function probabilities(model: LinearModel, x: SparseVector, temperature: number): Float64Array {
  return softmax(linearScores(model, x, new Float64Array(model.classes)), temperature);
}

export interface PriorityDecision {
  priority: Priority;
  confidence: number;
  /** The rule level that applied, if a safety rule raised the priority. */
  rule: Priority | null;
}

/**
 * The priority: the likeliest level, raised to urgent when P(urgent) reaches the threshold, and
 * raised to a safety rule's level when one matched (rules only ever raise).
 */
export function decidePriority(
  probs: Float64Array,
  urgentThreshold: number,
  ruleLevel: Priority | null,
  rulePrecision: number,
): PriorityDecision {
  const urgent = PRIORITIES.indexOf('urgent');
  let best = 0;
  for (let k = 1; k < probs.length; k++) if ((probs[k] as number) > (probs[best] as number)) best = k;
  let confidence = probs[best] as number;
  if (best !== urgent && (probs[urgent] as number) >= urgentThreshold) {
    best = urgent;
    confidence = probs[urgent] as number;
  }
  let rule: Priority | null = null;
  if (ruleLevel !== null && PRIORITIES.indexOf(ruleLevel) > best) {
    best = PRIORITIES.indexOf(ruleLevel);
    // The measured precision is that of the urgent rules; a rule of a lower level (danger stated
    // plainly raises to high) has none of its own, so the model's own probability stands.
    confidence = ruleLevel === 'urgent' ? Math.max(probs[best] as number, rulePrecision) : (probs[best] as number);
    rule = ruleLevel;
  }
  return { priority: PRIORITIES[best] as Priority, confidence, rule };
}

/** The highest level among the safety-rule cues that match. */
export function ruleLevelOf(match: ReturnType<Lexicon['match']>): Priority | null {
  let best = -1;
  for (const cue of match.cues) if (cue.rule) best = Math.max(best, PRIORITIES.indexOf(cue.level));
  return best < 0 ? null : (PRIORITIES[best] as Priority);
}

export interface TriagePrediction {
  category: string;
  confidence: number;
  top3: { category: string; confidence: number }[];
  priority: Priority;
  priority_confidence: number;
  /** The highest safety rule the report matched (a danger stated in words), if any. */
  priority_rule?: Priority | null;
  model_version: string;
}

export interface TriageModel {
  version: string;
  classify(text: string): TriagePrediction;
}

/** Rounds a probability for output (the model's figures are not meaningful past 4 decimals). */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** A model ready to classify, built from its serialized form (which it keeps, for saving). */
export class LinearTriageModel implements TriageModel {
  readonly version: string;
  readonly lexicon: Lexicon;
  readonly vectorizer: Vectorizer;
  readonly categoryModel: QuantizedModel;
  readonly priorityModel: QuantizedModel;

  constructor(readonly serialized: SerializedModel) {
    this.version = serialized.version;
    this.lexicon = new Lexicon(serialized.lexicon);
    const v = serialized.vocabulary;
    this.vectorizer = new Vectorizer(decodeSortedUints(v.hashes), decodeUints(v.df), v.documents, v.norm);
    this.categoryModel = loadQuantized(serialized.category, this.vectorizer.size);
    this.priorityModel = loadQuantized(serialized.priority, this.vectorizer.size);
    if (serialized.priority.classes.join() !== PRIORITIES.join()) throw new Error('model: unexpected priority classes');
  }

  classify(text: string): TriagePrediction {
    const norm = normalizeText(text);
    const match = this.lexicon.match(norm.accentedTokens, norm.foldedTokens, norm.diacritics);
    const x = this.vectorizer.vectorize(extractFeatures(norm, this.lexicon, this.serialized.features, match));
    const cats = this.serialized.category.classes;
    const pc = quantizedProbabilities(this.categoryModel, x, this.serialized.category.temperature);
    const order = [...pc.keys()].sort((a, b) => (pc[b] as number) - (pc[a] as number) || a - b);
    const top3 = order.slice(0, 3).map((k) => ({ category: cats[k] as string, confidence: round4(pc[k] as number) }));
    const pp = quantizedProbabilities(this.priorityModel, x, this.serialized.priority.temperature);
    const rule = ruleLevelOf(match);
    const decision = decidePriority(
      pp,
      this.serialized.priority.urgent_threshold,
      rule,
      this.serialized.priority.rule_precision,
    );
    const first = top3[0] as { category: string; confidence: number };
    return {
      category: first.category,
      confidence: first.confidence,
      top3,
      priority: decision.priority,
      priority_confidence: round4(decision.confidence),
      priority_rule: rule,
      model_version: this.version,
    };
  }
}
