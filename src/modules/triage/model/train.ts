// Training: features -> vocabulary (document frequency >= minDf) -> TF-IDF -> two multinomial
// logistic regressions (category, priority). A stratified held-out slice of the TRAINING data
// (never the dev set) is used to fit the softmax temperatures and to report held-out figures. With
// calibrated probabilities, a report is called urgent when P(urgent) >= 1 / (1 + cost of a missed
// urgent report in false alarms), and safety rules of the lexicon raise it to urgent in any case.
// The final models are then trained on all the examples.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encodeSortedUints, encodeUints } from './codec.js';
import type { LabelledText } from './data.js';
import { TRIAGE_DATA } from './data.js';
import { DEFAULT_FEATURES, extractFeatures, type FeatureConfig, type HashedFeatures, hashFeature } from './features.js';
import { Lexicon, type LexiconData, PRIORITIES, type Priority, parseLexicon } from './lexicon.js';
import {
  DEFAULT_LOGISTIC,
  fitTemperature,
  type LinearModel,
  type LogisticOptions,
  linearScores,
  seededRandom,
  shuffleInPlace,
  trainLogistic,
} from './logistic.js';
import { guessLanguage, normalizeText } from './normalize.js';
import { decidePriority, probabilities, quantize, ruleLevelOf, Vectorizer } from './runtime.js';
import { ARTIFACT_FORMAT, ARTIFACT_FORMAT_VERSION, type SerializedLinear, type SerializedModel } from './serialized.js';

export interface TrainOptions {
  /** Seed of every random choice (shuffles, held-out slice). Default 1. */
  seed?: number;
  /** Training date for the version string (YYYY-MM-DD or a Date). Default: today (UTC). */
  date?: string | Date;
  features?: FeatureConfig;
  /** Lexicon to train with. Default: data-sets/triage/lexicon.json. */
  lexicon?: LexiconData;
  /** Category codes, in output order. Default: the sorted codes found in the examples. */
  categories?: string[];
  /** Features seen in fewer training texts are dropped. Default 2. */
  minDf?: number;
  /** Length of the TF-IDF vector. Default sqrt(3). */
  norm?: number;
  category?: Partial<LogisticOptions>;
  priority?: Partial<LogisticOptions>;
  /** Share of each category held out for calibration. Default 0.15. */
  holdout?: number;
  /**
   * How many false alarms one missed urgent report is worth. A report is called urgent when its
   * calibrated P(urgent) reaches 1 / (1 + cost): the decision that minimises the expected cost.
   * Default 5 (threshold 1/6).
   */
  urgentMissCost?: number;
  /** Progress lines (phases and their durations). */
  log?: (line: string) => void;
}

export const DEFAULT_TRAIN = {
  seed: 1,
  minDf: 2,
  norm: Math.sqrt(3),
  holdout: 0.15,
  urgentMissCost: 5,
  category: { ...DEFAULT_LOGISTIC, lambda: 1e-4, epochs: 20, eta0: 0.5 },
  priority: { ...DEFAULT_LOGISTIC, lambda: 1e-4, epochs: 20, eta0: 0.5 },
};

export function loadDefaultLexicon(): LexiconData {
  return parseLexicon(JSON.parse(readFileSync(TRIAGE_DATA.lexicon, 'utf8')));
}

/** Hash of a text for overlap checks: the folded, normalised form, so accents do not hide a copy. */
export function textFingerprint(text: string): number {
  return hashFeature(`T:${normalizeText(text).folded}`);
}

function formatDate(date: string | Date | undefined): string {
  const iso = date === undefined ? new Date().toISOString() : typeof date === 'string' ? date : date.toISOString();
  const day = iso.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`train: bad date ${String(date)}`);
  return day.replaceAll('-', '.');
}

interface Prepared {
  features: HashedFeatures[];
  rules: (Priority | null)[];
}

function buildVectorizer(features: readonly HashedFeatures[], indices: readonly number[], minDf: number, norm: number) {
  const df = new Map<number, number>();
  for (const i of indices)
    for (const hash of (features[i] as HashedFeatures).hashes) df.set(hash, (df.get(hash) ?? 0) + 1);
  const hashes = [...df.entries()]
    .filter(([, count]) => count >= minDf)
    .map(([hash]) => hash)
    .sort((a, b) => a - b);
  const counts = hashes.map((h) => df.get(h) as number);
  return { vectorizer: new Vectorizer(hashes, counts, indices.length, norm), hashes, counts };
}

function balancedWeights(labels: readonly number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const y of labels) counts[y] = (counts[y] as number) + 1;
  return labels.map((y) => labels.length / (classes * (counts[y] as number)));
}

interface Fitted {
  vectorizer: Vectorizer;
  hashes: number[];
  counts: number[];
  category: LinearModel;
  priority: LinearModel;
}

function fitModels(
  prepared: Prepared,
  indices: readonly number[],
  cats: readonly number[],
  prios: readonly number[],
  K: number,
  opts: { minDf: number; norm: number; category: LogisticOptions; priority: LogisticOptions },
): Fitted {
  const { vectorizer, hashes, counts } = buildVectorizer(prepared.features, indices, opts.minDf, opts.norm);
  const xs = indices.map((i) => vectorizer.vectorize(prepared.features[i] as HashedFeatures));
  const yc = indices.map((i) => cats[i] as number);
  const yp = indices.map((i) => prios[i] as number);
  const category = trainLogistic(xs, yc, balancedWeights(yc, K), K, vectorizer.size, opts.category);
  const priority = trainLogistic(xs, yp, balancedWeights(yp, PRIORITIES.length), PRIORITIES.length, vectorizer.size, {
    ...opts.priority,
  });
  return { vectorizer, hashes, counts, category, priority };
}

/** Deterministic stratified split: about `share` of each category's examples go to the held-out slice. */
function stratifiedSplit(cats: readonly number[], share: number, seed: number): { train: number[]; held: number[] } {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const byClass = new Map<number, number[]>();
  cats.forEach((c, i) => {
    const list = byClass.get(c) ?? [];
    list.push(i);
    byClass.set(c, list);
  });
  const held: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const list = shuffleInPlace([...(byClass.get(c) as number[])], random);
    held.push(...list.slice(0, Math.round(list.length * share)));
  }
  const heldSet = new Set(held);
  return { train: cats.map((_, i) => i).filter((i) => !heldSet.has(i)), held: held.sort((a, b) => a - b) };
}

function serializeLinear(model: LinearModel, classes: readonly string[], temperature: number): SerializedLinear {
  const { q, scales } = quantize(model.weights, model.classes);
  return {
    classes: [...classes],
    weights: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
    scales,
    bias: [...model.bias],
    temperature,
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Trains the triage model. Deterministic: the same examples and options give the same artifact. */
export function trainModel(examples: readonly LabelledText[], options: TrainOptions = {}): SerializedModel {
  if (examples.length === 0) throw new Error('train: no examples');
  const seed = options.seed ?? DEFAULT_TRAIN.seed;
  const started = performance.now();
  const log = (what: string) => options.log?.(`${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const features = options.features ?? DEFAULT_FEATURES;
  const lexiconData = options.lexicon ?? loadDefaultLexicon();
  const lexicon = new Lexicon(lexiconData);
  const categories = options.categories ?? [...new Set(examples.map((e) => e.category))].sort();
  const K = categories.length;
  const opts = {
    minDf: options.minDf ?? DEFAULT_TRAIN.minDf,
    norm: options.norm ?? DEFAULT_TRAIN.norm,
    category: { ...DEFAULT_TRAIN.category, seed, ...options.category },
    priority: { ...DEFAULT_TRAIN.priority, seed: seed + 1, ...options.priority },
  };

  const cats = examples.map((e, i) => {
    const k = categories.indexOf(e.category);
    if (k < 0) throw new Error(`train: example ${e.id ?? i} has unknown category ${e.category}`);
    return k;
  });
  const prios = examples.map((e, i) => {
    if (e.priority === undefined) throw new Error(`train: example ${e.id ?? i} has no priority`);
    return PRIORITIES.indexOf(e.priority);
  });
  const prepared: Prepared = { features: [], rules: [] };
  for (const e of examples) {
    const norm = normalizeText(e.text);
    prepared.features.push(extractFeatures(norm, lexicon, features));
    prepared.rules.push(ruleLevelOf(lexicon.match(norm.accentedTokens, norm.foldedTokens, norm.diacritics)));
  }

  log(`features of ${examples.length} examples`);

  // 1. Calibration on a held-out slice of the training data.
  const share = options.holdout ?? DEFAULT_TRAIN.holdout;
  const split = stratifiedSplit(cats, share, seed);
  const partial = fitModels(prepared, split.train, cats, prios, K, opts);
  log(`models on ${split.train.length} examples, ${split.held.length} held out`);
  const heldX = split.held.map((i) => partial.vectorizer.vectorize(prepared.features[i] as HashedFeatures));
  const catScores = heldX.map((x) => linearScores(partial.category, x, new Float64Array(K)));
  const prioScores = heldX.map((x) => linearScores(partial.priority, x, new Float64Array(PRIORITIES.length)));
  const catTemperature = fitTemperature(
    catScores,
    split.held.map((i) => cats[i] as number),
  );
  const prioTemperature = fitTemperature(
    prioScores,
    split.held.map((i) => prios[i] as number),
  );

  // Rule precision over all the training examples (rules are not learned from them).
  const urgent = PRIORITIES.indexOf('urgent');
  const ruleHits = prepared.rules.map((r, i) => (r === 'urgent' ? i : -1)).filter((i) => i >= 0);
  const rulePrecision =
    ruleHits.length === 0 ? 0.5 : ruleHits.filter((i) => prios[i] === urgent).length / ruleHits.length;

  const heldUrgent = split.held.filter((i) => prios[i] === urgent);
  const urgentProbs = heldX.map((x) => probabilities(partial.priority, x, prioTemperature));
  const figuresAt = (threshold: number) => {
    let tp = 0;
    let fp = 0;
    split.held.forEach((i, j) => {
      const d = decidePriority(urgentProbs[j] as Float64Array, threshold, prepared.rules[i] ?? null, rulePrecision);
      if (d.priority === 'urgent') {
        if (prios[i] === urgent) tp++;
        else fp++;
      }
    });
    return { recall: heldUrgent.length ? tp / heldUrgent.length : 1, precision: tp + fp ? tp / (tp + fp) : 1 };
  };
  const missCost = options.urgentMissCost ?? DEFAULT_TRAIN.urgentMissCost;
  if (!(missCost > 0)) throw new Error('train: urgentMissCost must be positive');
  const threshold = round6(1 / (1 + missCost));
  const heldFigures = figuresAt(threshold);
  let heldCorrect = 0;
  catScores.forEach((s, j) => {
    let best = 0;
    for (let k = 1; k < K; k++) if ((s[k] as number) > (s[best] as number)) best = k;
    if (best === cats[split.held[j] as number]) heldCorrect++;
  });

  log('calibration');

  // 2. The final models, on everything.
  const all = examples.map((_, i) => i);
  const final = fitModels(prepared, all, cats, prios, K, opts);
  log(`final models on ${all.length} examples, ${final.vectorizer.size} features`);

  const byLang: Record<string, number> = {};
  for (const e of examples) {
    const lang = e.lang ?? guessLanguage(e.text);
    byLang[lang] = (byLang[lang] ?? 0) + 1;
  }
  const fingerprints = [...new Set(examples.map((e) => textFingerprint(e.text)))].sort((a, b) => a - b);

  const body: Omit<SerializedModel, 'version'> = {
    format: ARTIFACT_FORMAT,
    format_version: ARTIFACT_FORMAT_VERSION,
    features,
    lexicon: lexiconData,
    vocabulary: {
      documents: all.length,
      hashes: encodeSortedUints(final.hashes),
      df: encodeUints(final.counts),
      norm: opts.norm,
    },
    category: serializeLinear(final.category, categories, round6(catTemperature)),
    priority: {
      ...serializeLinear(final.priority, PRIORITIES, round6(prioTemperature)),
      urgent_threshold: threshold,
      rule_precision: round6(rulePrecision),
    },
    training: {
      seed,
      examples: examples.length,
      by_lang: Object.fromEntries(Object.entries(byLang).sort()),
      text_hashes: encodeSortedUints(fingerprints),
      holdout: {
        examples: split.held.length,
        accuracy: round6(split.held.length ? heldCorrect / split.held.length : 0),
        urgent_recall: round6(heldFigures.recall),
        urgent_precision: round6(heldFigures.precision),
      },
      options: {
        minDf: opts.minDf,
        holdout: share,
        urgentMissCost: missCost,
        category: opts.category,
        priority: opts.priority,
      },
    },
  };
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 8);
  const { format, format_version, ...rest } = body;
  return { format, format_version, version: `triage-${formatDate(options.date)}-${hash}`, ...rest };
}
