// Figures of a model on labelled reports: category accuracy, macro-F1, top-3, per language,
// urgent recall and precision, and the most frequent confusions.
import type { LabelledText } from './data.js';
import { guessLanguage } from './normalize.js';
import type { TriageModel, TriagePrediction } from './runtime.js';

export interface LanguageFigures {
  accuracy: number;
  n: number;
}

export interface EvaluationReport {
  n: number;
  accuracy: number;
  macro_f1: number;
  top3_accuracy: number;
  /** Recall and precision of the urgent priority (over examples that carry a priority). */
  urgent_recall: number;
  urgent_precision: number;
  /** Exact-level priority accuracy (over examples that carry a priority). */
  priority_accuracy: number;
  /** Expected calibration error of the category's top-1 confidence (10 equal-width bins). */
  ece: number;
  /** The same for the priority's confidence (over examples that carry a priority). */
  priority_ece: number;
  per_lang: Record<string, LanguageFigures>;
  per_category: Record<string, { precision: number; recall: number; f1: number; n: number }>;
  confusion_pairs: { expected: string; predicted: string; count: number }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** A prediction's stated confidence and whether it was right. */
export interface Outcome {
  confidence: number;
  correct: boolean;
}

/**
 * Expected calibration error: the predictions are put in `bins` equal-width bins by confidence
 * ([0, 0.1), [0.1, 0.2), … [0.9, 1]); in each, the gap between the mean confidence and the share
 * that was right, weighed by the bin's share of the predictions. 0 when confidence means what it says.
 */
export function expectedCalibrationError(outcomes: readonly Outcome[], bins = 10): number {
  if (outcomes.length === 0) return 0;
  const sums = Array.from({ length: bins }, () => ({ n: 0, confidence: 0, correct: 0 }));
  for (const o of outcomes) {
    const bin = sums[Math.min(bins - 1, Math.max(0, Math.floor(o.confidence * bins)))] as (typeof sums)[number];
    bin.n++;
    bin.confidence += o.confidence;
    if (o.correct) bin.correct++;
  }
  let total = 0;
  for (const b of sums) if (b.n > 0) total += Math.abs(b.confidence - b.correct);
  return total / outcomes.length;
}

export function evaluate(
  model: TriageModel,
  examples: readonly LabelledText[],
  onPrediction?: (example: LabelledText, prediction: TriagePrediction) => void,
): EvaluationReport {
  let correct = 0;
  let top3 = 0;
  let urgentTp = 0;
  let urgentFp = 0;
  let urgentFn = 0;
  let prioCorrect = 0;
  let prioN = 0;
  const langs = new Map<string, { correct: number; n: number }>();
  const confusion = new Map<string, number>();
  const stats = new Map<string, { tp: number; fp: number; fn: number; n: number }>();
  const categoryOutcomes: Outcome[] = [];
  const priorityOutcomes: Outcome[] = [];
  const stat = (c: string) => {
    let s = stats.get(c);
    if (!s) {
      s = { tp: 0, fp: 0, fn: 0, n: 0 };
      stats.set(c, s);
    }
    return s;
  };

  for (const example of examples) {
    const p = model.classify(example.text);
    onPrediction?.(example, p);
    const good = p.category === example.category;
    categoryOutcomes.push({ confidence: p.confidence, correct: good });
    const lang = example.lang ?? guessLanguage(example.text);
    const l = langs.get(lang) ?? { correct: 0, n: 0 };
    l.n++;
    stat(example.category).n++;
    if (good) {
      correct++;
      l.correct++;
      stat(example.category).tp++;
    } else {
      stat(example.category).fn++;
      stat(p.category).fp++;
      const key = `${example.category}\u0000${p.category}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
    langs.set(lang, l);
    if (p.top3.some((t) => t.category === example.category)) top3++;
    if (example.priority !== undefined) {
      prioN++;
      if (p.priority === example.priority) prioCorrect++;
      priorityOutcomes.push({ confidence: p.priority_confidence, correct: p.priority === example.priority });
      const isUrgent = example.priority === 'urgent';
      if (p.priority === 'urgent' && isUrgent) urgentTp++;
      else if (p.priority === 'urgent') urgentFp++;
      else if (isUrgent) urgentFn++;
    }
  }

  const perCategory: EvaluationReport['per_category'] = {};
  let f1Sum = 0;
  let f1Count = 0;
  for (const [category, s] of [...stats].sort((a, b) => a[0].localeCompare(b[0]))) {
    const precision = ratio(s.tp, s.tp + s.fp);
    const recall = ratio(s.tp, s.tp + s.fn);
    const f1 = ratio(2 * precision * recall, precision + recall);
    perCategory[category] = { precision: round4(precision), recall: round4(recall), f1: round4(f1), n: s.n };
    // Macro-F1 over the categories present in the examples.
    if (s.n > 0) {
      f1Sum += f1;
      f1Count++;
    }
  }

  return {
    n: examples.length,
    accuracy: round4(ratio(correct, examples.length)),
    macro_f1: round4(ratio(f1Sum, f1Count)),
    top3_accuracy: round4(ratio(top3, examples.length)),
    urgent_recall: round4(ratio(urgentTp, urgentTp + urgentFn)),
    urgent_precision: round4(ratio(urgentTp, urgentTp + urgentFp)),
    priority_accuracy: round4(ratio(prioCorrect, prioN)),
    ece: round4(expectedCalibrationError(categoryOutcomes)),
    priority_ece: round4(expectedCalibrationError(priorityOutcomes)),
    per_lang: Object.fromEntries(
      [...langs].sort().map(([lang, l]) => [lang, { accuracy: round4(ratio(l.correct, l.n)), n: l.n }]),
    ),
    per_category: perCategory,
    confusion_pairs: [...confusion]
      .map(([key, count]) => {
        const [expected, predicted] = key.split('\u0000') as [string, string];
        return { expected, predicted, count };
      })
      .sort(
        (a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.predicted.localeCompare(b.predicted),
      ),
  };
}
