// `npm run cli -- triage:train` and `npm run cli -- triage:eval`: the operators' side of the
// built-in triage model.
//
//   triage:train [--out path] [--extra file.jsonl ...] [--seed n]
//       trains on data-sets/triage/train.jsonl + extra-train.jsonl (+ each --extra file, e.g. staff
//       corrections) and writes the artifact (default models/triage.json.gz).
//   triage:eval <file.jsonl> [--model path] [--json]
//       prints accuracy, macro-F1, top-3 accuracy, per-language accuracy, urgent recall and
//       precision and the confusion pairs; --json prints them as one JSON object on the last line.
//       A file whose texts overlap the model's training texts is never scored against that model:
//       the model is retrained without those texts first, and the output says so.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeSortedUints } from './model/codec.js';
import { type LabelledText, readDefaultTrainingData, readLabelledJsonl, TRIAGE_DATA } from './model/data.js';
import {
  type EvaluationReport,
  evaluate,
  loadModel,
  type SerializedModel,
  saveModel,
  textFingerprint,
  trainModel,
} from './model/model.js';

type Out = (line: string) => void;

export const TRIAGE_USAGE = `  triage:train [--out path] [--extra file.jsonl ...] [--seed n]
                                train the triage model (default output ${relative(TRIAGE_DATA.model)})
  triage:eval <file.jsonl> [--model path] [--json]
                                evaluate the triage model on labelled reports
`;

function relative(path: string): string {
  const root = TRIAGE_DATA.dir.replace(/data-sets\/triage\/$/, '');
  return path.startsWith(root) ? path.slice(root.length) : path;
}

function describeTraining(serialized: SerializedModel, seconds: number, out: Out): void {
  const t = serialized.training;
  const langs = Object.entries(t.by_lang)
    .map(([lang, n]) => `${lang} ${n}`)
    .join(', ');
  out(`model ${serialized.version}: ${t.examples} examples (${langs}), trained in ${seconds.toFixed(1)} s`);
  out(
    `  held-out slice of the training data (${t.holdout.examples}): accuracy ${t.holdout.accuracy.toFixed(3)}, ` +
      `urgent recall ${t.holdout.urgent_recall.toFixed(3)}, precision ${t.holdout.urgent_precision.toFixed(3)}`,
  );
  out(
    `  temperatures: category ${serialized.category.temperature}, priority ${serialized.priority.temperature}; ` +
      `urgent threshold ${serialized.priority.urgent_threshold}`,
  );
}

export async function triageTrainCommand(args: string[], out: Out): Promise<number> {
  let values: { out?: string; extra?: string[]; seed?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { out: { type: 'string' }, extra: { type: 'string', multiple: true }, seed: { type: 'string' } },
    }));
  } catch (error) {
    out(`triage:train: ${(error as Error).message}`);
    return 2;
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) {
    out('triage:train: --seed must be an integer');
    return 2;
  }
  const path = values.out ?? TRIAGE_DATA.model;
  let examples: LabelledText[];
  try {
    examples = readDefaultTrainingData(values.extra ?? []);
  } catch (error) {
    out(`triage:train: ${(error as Error).message}`);
    return 1;
  }
  const started = performance.now();
  let serialized: SerializedModel;
  try {
    serialized = trainModel(examples, { ...(seed === undefined ? {} : { seed }) });
  } catch (error) {
    out(`triage:train: ${(error as Error).message}`);
    return 1;
  }
  describeTraining(serialized, (performance.now() - started) / 1000, out);
  saveModel(serialized, path);
  out(`wrote ${relative(path)}`);
  return 0;
}

/** The evaluated file's texts that the model was trained on (compared in folded form). */
export function overlappingTexts(serialized: SerializedModel, examples: readonly LabelledText[]): LabelledText[] {
  const trained = new Set(decodeSortedUints(serialized.training.text_hashes));
  return examples.filter((e) => trained.has(textFingerprint(e.text)));
}

function f4(x: number): string {
  return x.toFixed(4);
}

function printReport(report: EvaluationReport, out: Out): void {
  out(`accuracy           ${f4(report.accuracy)}`);
  out(`macro-F1           ${f4(report.macro_f1)}`);
  out(`top-3 accuracy     ${f4(report.top3_accuracy)}`);
  for (const [lang, figures] of Object.entries(report.per_lang)) {
    out(`accuracy (${lang})      ${f4(figures.accuracy)}  n=${figures.n}`);
  }
  out(`urgent recall      ${f4(report.urgent_recall)}`);
  out(`urgent precision   ${f4(report.urgent_precision)}`);
  out(`priority accuracy  ${f4(report.priority_accuracy)}`);
  out(`calibration ECE   ${f4(report.ece)} (category), ${f4(report.priority_ece)} (priority)`);
  out('confusion pairs (expected -> predicted: count):');
  if (report.confusion_pairs.length === 0) out('  none');
  for (const pair of report.confusion_pairs) out(`  ${pair.expected} -> ${pair.predicted}: ${pair.count}`);
}

export async function triageEvalCommand(args: string[], out: Out): Promise<number> {
  let values: { model?: string; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { model: { type: 'string' }, json: { type: 'boolean' } },
    }));
  } catch (error) {
    out(`triage:eval: ${(error as Error).message}`);
    return 2;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    out('triage:eval needs exactly one labelled JSON-lines file');
    return 2;
  }
  let examples: LabelledText[];
  try {
    examples = readLabelledJsonl(file);
  } catch (error) {
    out(`triage:eval: ${(error as Error).message}`);
    return 1;
  }
  if (examples.length === 0) {
    out(`triage:eval: ${file} has no reports`);
    return 1;
  }

  const modelPath = values.model ?? TRIAGE_DATA.model;
  let serialized: SerializedModel;
  if (existsSync(modelPath)) {
    try {
      serialized = loadModel(modelPath).serialized;
    } catch (error) {
      out(`triage:eval: ${modelPath}: ${(error as Error).message}`);
      return 1;
    }
  } else if (values.model !== undefined) {
    out(`triage:eval: no model at ${modelPath}`);
    return 1;
  } else {
    out(`no model at ${relative(modelPath)}: training one from the default data (not saved)`);
    serialized = trainModel(readDefaultTrainingData());
  }

  const overlap = overlappingTexts(serialized, examples);
  if (overlap.length > 0) {
    const excluded = new Set(overlap.map((e) => textFingerprint(e.text)));
    const data = readDefaultTrainingData().filter((e) => !excluded.has(textFingerprint(e.text)));
    out(
      `${overlap.length} of the ${examples.length} reports of ${file} were in the training data of model ` +
        `${serialized.version}: retrained on the default data without them (${data.length} examples)`,
    );
    serialized = trainModel(data);
    const still = overlappingTexts(serialized, examples).length;
    if (still > 0) {
      out(`triage:eval: ${still} reports still overlap the training data; refusing to evaluate`);
      return 1;
    }
  }

  const model = loadModel(serialized);
  const report = evaluate(model, examples);
  if (values.json) {
    const { accuracy, macro_f1, top3_accuracy, urgent_recall, urgent_precision, per_lang } = report;
    out(
      JSON.stringify({
        model_version: model.version,
        file,
        n: report.n,
        accuracy,
        macro_f1,
        top3_accuracy,
        urgent_recall,
        urgent_precision,
        priority_accuracy: report.priority_accuracy,
        ece: report.ece,
        priority_ece: report.priority_ece,
        per_lang,
        confusion_pairs: report.confusion_pairs,
      }),
    );
  } else {
    out(`model ${model.version} on ${file} (${report.n} reports)`);
    printReport(report, out);
  }
  return 0;
}
