// npm run bench [-- name ...]: runs the benchmarks (all by default), each in a process of its own.
import { readdirSync } from 'node:fs';
import { ROOT, runCommand } from './lib.js';

const SKIP = new Set(['run.ts', 'lib.ts', 'duplicates-quality.ts', 'baseline-server.ts', 'latency-load.ts']);
const all = readdirSync(`${ROOT}/bench`).filter((file) => file.endsWith('.ts') && !SKIP.has(file));
const wanted = process.argv.slice(2);
const chosen = wanted.length ? all.filter((file) => wanted.includes(file.replace(/\.ts$/, ''))) : all;
for (const file of chosen) {
  process.stdout.write(`\n== bench/${file}\n`);
  process.stdout.write(await runCommand(process.execPath, ['--import', 'tsx', `bench/${file}`]));
}
