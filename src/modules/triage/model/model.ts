// The built-in triage model: classifies a citizen report's text into one of the city's
// categories (with a calibrated confidence and the top 3) and a priority.
//
//   const model = loadModel(TRIAGE_DATA.model);       // or loadModel(trainModel(examples))
//   model.classify('Cột điện đổ, dây điện đứt tóe lửa!') // { category: 'electricity', priority: 'urgent', ... }
//
// The artifact is versioned JSON (gzipped when the path ends in .gz); every prediction carries
// the model's version, triage-YYYY.MM.DD-<hash8>.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readDefaultTrainingData, TRIAGE_DATA } from './data.js';
import { LinearTriageModel, type TriageModel } from './runtime.js';
import { ARTIFACT_FORMAT, ARTIFACT_FORMAT_VERSION, type SerializedModel } from './serialized.js';

export type { LabelledText } from './data.js';
export { type EvaluationReport, evaluate, type LanguageFigures } from './evaluate.js';
export type { Priority } from './lexicon.js';
export type { TriageModel, TriagePrediction } from './runtime.js';
export type { SerializedModel } from './serialized.js';

import { trainModel } from './train.js';

export { TRIAGE_DATA } from './data.js';
export { type TrainOptions, textFingerprint, trainModel } from './train.js';

/** Reads an artifact: gzipped or plain JSON (told apart by the gzip magic bytes). */
export function readSerializedModel(path: string): SerializedModel {
  const bytes = readFileSync(path);
  const json = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return parseSerializedModel(JSON.parse(json));
}

export function parseSerializedModel(json: unknown): SerializedModel {
  const m = json as Partial<SerializedModel> | null;
  if (m?.format !== ARTIFACT_FORMAT) throw new Error('not a CityPulse triage model');
  if (m.format_version !== ARTIFACT_FORMAT_VERSION) {
    throw new Error(
      `triage model format ${String(m.format_version)} is not supported (expected ${ARTIFACT_FORMAT_VERSION})`,
    );
  }
  return m as SerializedModel;
}

/** A model ready to classify, from its serialized form or from an artifact file. */
export function loadModel(source: SerializedModel | string): TriageModel & { serialized: SerializedModel } {
  return new LinearTriageModel(typeof source === 'string' ? readSerializedModel(source) : parseSerializedModel(source));
}

/** Writes the artifact (gzipped when the path ends in .gz), atomically. */
export function saveModel(model: TriageModel | SerializedModel, path: string): void {
  const serialized = 'classify' in model ? (model as Partial<LinearTriageModel>).serialized : model;
  if (!serialized) throw new Error('saveModel: this model has no serialized form');
  const json = `${JSON.stringify(serialized)}\n`;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, path.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json);
  renameSync(temporary, path);
}

/**
 * The model for the server: the artifact at `path` (default models/triage.json.gz), or, when there
 * is none, one trained from the default data and saved there ("train on first start if missing").
 */
export function loadOrTrainModel(
  path: string = TRIAGE_DATA.model,
  log?: (line: string) => void,
): TriageModel & { serialized: SerializedModel } {
  if (existsSync(path)) return loadModel(path);
  log?.(`no triage model at ${path}: training one from the default data`);
  const serialized = trainModel(readDefaultTrainingData());
  saveModel(serialized, path);
  log?.(`trained triage model ${serialized.version}`);
  return loadModel(serialized);
}
