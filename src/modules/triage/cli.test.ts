import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { triageEvalCommand, triageTrainCommand } from './cli.js';
import { TRIAGE_DATA } from './model/data.js';
import { loadModel } from './model/model.js';

const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = async (command: typeof triageEvalCommand, args: string[]) => {
  const lines: string[] = [];
  const code = await command(args, (line) => lines.push(line));
  return { code, lines };
};

describe('triage:eval', () => {
  it('prints the figures, and one JSON object on the last line with --json', async () => {
    const file = join(dir, 'sample.jsonl');
    writeFileSync(file, readFileSync(TRIAGE_DATA.dev, 'utf8').split('\n').slice(0, 60).join('\n'));
    const text = await run(triageEvalCommand, [file]);
    expect(text.code).toBe(0);
    expect(text.lines.join('\n')).toMatch(/accuracy .*\nmacro-F1 .*\ntop-3 accuracy/);
    expect(text.lines.join('\n')).toMatch(/urgent recall/);

    const json = await run(triageEvalCommand, [file, '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.lines.at(-1) as string);
    for (const key of ['accuracy', 'macro_f1', 'top3_accuracy', 'urgent_recall', 'urgent_precision', 'per_lang']) {
      expect(report).toHaveProperty(key);
    }
    expect(report.n).toBe(60);
    expect(report.model_version).toMatch(/^triage-\d{4}\.\d{2}\.\d{2}-[0-9a-f]{8}$/);
  });

  it('never scores a model on its own training texts: retrains without them and says so', async () => {
    const file = join(dir, 'overlap.jsonl');
    const lines = readFileSync(TRIAGE_DATA.train, 'utf8').split('\n').slice(0, 20);
    writeFileSync(file, lines.join('\n'));
    const result = await run(triageEvalCommand, [file, '--json']);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/20 of the 20 reports .* were in the training data .* retrained .* without them/);
    const report = JSON.parse(result.lines.at(-1) as string);
    expect(report.model_version).not.toBe(loadModel(TRIAGE_DATA.model).version);
  });

  it('explains its usage and bad input', async () => {
    expect((await run(triageEvalCommand, [])).code).toBe(2);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text": "x"}\n');
    const result = await run(triageEvalCommand, [bad]);
    expect(result.code).toBe(1);
    expect(result.lines[0]).toMatch(/bad\.jsonl:1: "category" must be a string/);
    expect((await run(triageEvalCommand, [bad, '--model', join(dir, 'none.json.gz')])).code).toBe(1);
  });
});

describe('triage:train', () => {
  it('trains with --extra files (staff corrections) and writes the artifact to --out', async () => {
    const extra = join(dir, 'corrections.jsonl');
    writeFileSync(
      extra,
      `${JSON.stringify({ text: 'Xe bán kem dạo mở nhạc rất to mỗi trưa ở kiệt 7', category: 'pollution', priority: 'normal', lang: 'vi' })}\n`,
    );
    const out = join(dir, 'model.json.gz');
    const result = await run(triageTrainCommand, ['--out', out, '--extra', extra]);
    expect(result.code).toBe(0);
    expect(result.lines.at(-1)).toMatch(/^wrote /);
    const model = loadModel(out);
    expect(model.serialized.training.examples).toBe(loadModel(TRIAGE_DATA.model).serialized.training.examples + 1);
    expect((await run(triageTrainCommand, ['--seed', 'x'])).code).toBe(2);
  });
});
