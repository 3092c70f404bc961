// Triage model benchmark: artifact load time, and time per classification (median and p99 over
// data-sets/triage/dev.jsonl, after a warm-up). Prints a table and writes bench/results/triage.json.
//   npx tsx bench/triage.ts [--model path] [--rounds n]
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { readLabelledJsonl, TRIAGE_DATA } from '../src/modules/triage/model/data.js';
import { loadModel } from '../src/modules/triage/model/model.js';

const { values } = parseArgs({ options: { model: { type: 'string' }, rounds: { type: 'string' } } });
const path = values.model ?? TRIAGE_DATA.model;
const rounds = Number(values.rounds ?? 5);

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

// Load: the first load (cold module code) and the best of a few more.
const loads: number[] = [];
let model = loadModel(path);
for (let i = 0; i < 4; i++) {
  const started = performance.now();
  model = loadModel(path);
  loads.push(performance.now() - started);
}
loads.sort((a, b) => a - b);

const texts = readLabelledJsonl(TRIAGE_DATA.dev).map((e) => e.text);
for (const text of texts) model.classify(text); // warm-up
const times: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const text of texts) {
    const started = performance.now();
    model.classify(text);
    times.push(performance.now() - started);
  }
}
times.sort((a, b) => a - b);

const result = {
  model_version: model.version,
  artifact_bytes: statSync(path).size,
  load_ms: { median: quantile(loads, 0.5), max: loads.at(-1) as number },
  classify_ms: {
    median: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
    n: times.length,
  },
  texts: texts.length,
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  date: new Date().toISOString(),
};

const f = (x: number) => x.toFixed(3);
console.log(`triage model ${result.model_version} (${(result.artifact_bytes / 1024).toFixed(0)} KiB)`);
console.log('| what | median | p99 / max |');
console.log('| --- | ---: | ---: |');
console.log(`| load (ms) | ${f(result.load_ms.median)} | ${f(result.load_ms.max)} |`);
console.log(
  `| classify (ms, ${result.classify_ms.n} calls) | ${f(result.classify_ms.median)} | ${f(result.classify_ms.p99)} |`,
);

const out = new URL('./results/triage.json', import.meta.url);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote bench/results/triage.json`);
