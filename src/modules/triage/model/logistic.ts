// Multinomial logistic regression with L2 regularisation, trained by stochastic gradient
// descent. Small and deterministic: the order of examples comes from a seeded generator.
//
// Objective: (1/N) sum_i w_i * CE(softmax(W x_i + b), y_i) + (lambda/2) |W|^2
// where w_i is the example's weight (class and language balance). The L2 shrinkage is applied
// lazily through a scalar (W = scale * V, Bottou's trick), so each step costs only the non-zero
// features of one example times the number of classes. The step size follows
// eta_t = eta0 / (1 + eta0 * lambda * t), the schedule for strongly convex objectives.

/** A sparse example: feature indices (into the model's vocabulary) and values. */
export interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

export interface LogisticOptions {
  /** L2 strength (per example). */
  lambda: number;
  epochs: number;
  /** Initial step size. */
  eta0: number;
  seed: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { lambda: 1e-4, epochs: 20, eta0: 0.5, seed: 1 };

export interface LinearModel {
  classes: number;
  features: number;
  /** Row-major by feature: weights[f * classes + k]. */
  weights: Float64Array;
  bias: Float64Array;
}

/** mulberry32: a small seeded generator, enough for shuffling. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/** Raw scores W x + b for one example, into `out` (length classes). */
export function linearScores(model: LinearModel, x: SparseVector, out: Float64Array): Float64Array {
  const K = model.classes;
  out.set(model.bias);
  const { idx, val } = x;
  const W = model.weights;
  for (let j = 0; j < idx.length; j++) {
    const base = (idx[j] as number) * K;
    const v = val[j] as number;
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) + v * (W[base + k] as number);
  }
  return out;
}

/** In-place softmax of scores divided by a temperature. */
export function softmax(scores: Float64Array, temperature = 1): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < scores.length; k++) max = Math.max(max, (scores[k] as number) / temperature);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] as number) / temperature - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) / sum;
  return scores;
}

export function trainLogistic(
  xs: readonly SparseVector[],
  ys: readonly number[],
  sampleWeights: readonly number[],
  classes: number,
  features: number,
  options: LogisticOptions = DEFAULT_LOGISTIC,
): LinearModel {
  const K = classes;
  const V = new Float64Array(features * K);
  const bias = new Float64Array(K);
  const { lambda, eta0, epochs } = options;
  let scale = 1;
  let t = 0;
  const random = seededRandom(options.seed);
  const order = xs.map((_, i) => i);
  const z = new Float64Array(K);
  const g = new Float64Array(K);

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = xs[i] as SparseVector;
      const y = ys[i] as number;
      const sw = sampleWeights[i] as number;
      const eta = eta0 / (1 + eta0 * lambda * t);
      t++;
      // Scores with the current weights (W = scale * V).
      z.set(bias);
      for (let j = 0; j < x.idx.length; j++) {
        const base = (x.idx[j] as number) * K;
        const v = (x.val[j] as number) * scale;
        for (let k = 0; k < K; k++) z[k] = (z[k] as number) + v * (V[base + k] as number);
      }
      softmax(z);
      for (let k = 0; k < K; k++) g[k] = sw * ((z[k] as number) - (k === y ? 1 : 0));
      // Shrink all weights (lazily), then take the loss step on this example's features.
      scale *= 1 - eta * lambda;
      const step = eta / scale;
      for (let j = 0; j < x.idx.length; j++) {
        const base = (x.idx[j] as number) * K;
        const v = (x.val[j] as number) * step;
        for (let k = 0; k < K; k++) V[base + k] = (V[base + k] as number) - v * (g[k] as number);
      }
      for (let k = 0; k < K; k++) bias[k] = (bias[k] as number) - eta * (g[k] as number);
      if (scale < 1e-6) {
        for (let f = 0; f < V.length; f++) V[f] = (V[f] as number) * scale;
        scale = 1;
      }
    }
  }
  for (let f = 0; f < V.length; f++) V[f] = (V[f] as number) * scale;
  return { classes: K, features, weights: V, bias };
}

/**
 * Temperature scaling: the T > 0 that minimises the negative log-likelihood of the true labels
 * under softmax(scores / T), found by golden-section search on log T.
 */
export function fitTemperature(scores: readonly Float64Array[], ys: readonly number[]): number {
  if (scores.length === 0) return 1;
  const nll = (logT: number) => {
    const T = Math.exp(logT);
    let total = 0;
    const buffer = new Float64Array((scores[0] as Float64Array).length);
    scores.forEach((s, i) => {
      buffer.set(s);
      softmax(buffer, T);
      total -= Math.log(Math.max(buffer[ys[i] as number] as number, 1e-12));
    });
    return total;
  };
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let iter = 0; iter < 60; iter++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
