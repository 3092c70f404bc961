// Labelled reports: reading JSON-lines files and where the project keeps its triage data.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PRIORITIES, type Priority } from './lexicon.js';

/** A report with its labels. `priority` may be missing in an evaluation file. */
export interface LabelledText {
  text: string;
  category: string;
  priority?: Priority;
  lang?: string;
  id?: string;
}

/** The repository root (this file is src/modules/triage/model/data.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const TRIAGE_DATA = {
  dir: `${REPO_ROOT}data-sets/triage/`,
  train: `${REPO_ROOT}data-sets/triage/train.jsonl`,
  extraTrain: `${REPO_ROOT}data-sets/triage/extra-train.jsonl`,
  dev: `${REPO_ROOT}data-sets/triage/dev.jsonl`,
  lexicon: `${REPO_ROOT}data-sets/triage/lexicon.json`,
  model: `${REPO_ROOT}models/triage.json.gz`,
} as const;

/** Parses JSON lines of labelled reports; throws naming the file and line of the first bad one. */
export function parseLabelledJsonl(content: string, source = 'input'): LabelledText[] {
  const out: LabelledText[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${source}:${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${where}: not JSON`);
    }
    const r = row as Record<string, unknown>;
    if (typeof r?.text !== 'string' || r.text.trim() === '')
      throw new Error(`${where}: "text" must be a non-empty string`);
    if (typeof r.category !== 'string') throw new Error(`${where}: "category" must be a string`);
    if (r.priority !== undefined && !PRIORITIES.includes(r.priority as Priority)) {
      throw new Error(`${where}: "priority" must be one of ${PRIORITIES.join(', ')}`);
    }
    out.push({
      text: r.text,
      category: r.category,
      ...(r.priority === undefined ? {} : { priority: r.priority as Priority }),
      ...(typeof r.lang === 'string' ? { lang: r.lang } : {}),
      ...(typeof r.id === 'string' ? { id: r.id } : {}),
    });
  });
  return out;
}

export function readLabelledJsonl(path: string): LabelledText[] {
  return parseLabelledJsonl(readFileSync(path, 'utf8'), path);
}

/** The default training data: train.jsonl and extra-train.jsonl, then each extra file (e.g. staff corrections). */
export function readDefaultTrainingData(extra: readonly string[] = []): LabelledText[] {
  const files = [TRIAGE_DATA.train, ...(existsSync(TRIAGE_DATA.extraTrain) ? [TRIAGE_DATA.extraTrain] : []), ...extra];
  return files.flatMap((file) => readLabelledJsonl(file));
}
