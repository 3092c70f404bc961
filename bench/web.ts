// Web app benchmark (issue 5): the citizen first screen's JavaScript, gzipped, from the
// production build; and its time to interactive in headless chromium on the local server,
// beside a bare static page served by the same server in the same run (the browser's floor).
//   npm run bench -- web
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, PHONE_VIEWPORT } from '../web/e2e/harness.js';
import { ROOT, startChild, writeResult } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** The first screen is usable when its main action is on screen. */
const READY_SELECTOR = 'a[href="/report"].button';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  css?: string[];
}

/** The entry chunk and everything it imports statically: what the first screen must load. */
function firstScreenFiles(manifest: Record<string, ManifestChunk>): { js: string[]; css: string[] } {
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry) as ManifestChunk;
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (chunk: ManifestChunk) => {
    if (js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const key of chunk.imports ?? []) visit(manifest[key] as ManifestChunk);
  };
  visit(entry);
  return { js: [...js], css: [...css] };
}

const gzipped = (dir: string, files: string[]) =>
  files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file)), { level: 9 }).length, 0);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const webDir = mkdtempSync(join(tmpdir(), 'citypulse-bench-web-'));
const dataDir = mkdtempSync(join(tmpdir(), 'citypulse-bench-data-'));
// the React production build; the server below runs as a local development server
process.env.NODE_ENV = 'production';
await build({
  configFile: resolve(ROOT, 'web/vite.config.ts'),
  logLevel: 'warn',
  mode: 'production',
  build: { outDir: webDir, emptyOutDir: true, sourcemap: false, manifest: true },
});
const manifest = JSON.parse(readFileSync(join(webDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
const first = firstScreenFiles(manifest);
const allJs = [...new Set(Object.values(manifest).map((chunk) => chunk.file))].filter((file) => file.endsWith('.js'));
const firstJsKb = gzipped(webDir, first.js) / 1024;
const allJsKb = gzipped(webDir, allJs) / 1024;

// the floor: a static page with the same kind of link, no script
writeFileSync(
  join(webDir, 'bench-baseline.html'),
  '<!doctype html><html lang="vi"><meta charset="utf-8"><title>baseline</title><main><h1>Phản ánh</h1><a class="button" href="/report">Gửi phản ánh mới</a></main></html>',
);

const server = await startChild(
  'src/main.ts',
  {
    NODE_ENV: 'development',
    WEB_DIR: webDir,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    DEMO_DATA: 'off', // nothing else writing while the first screen is timed
  },
  /running on http:\/\/localhost:(\d+)/,
);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });

/** Loads a page in a fresh context (cold cache); returns ms from navigation start to interactive. */
async function timeToInteractive(path: string): Promise<number> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.addInitScript((selector: string) => {
    // runs in the page before its own scripts: the globals are the browser's
    const page = globalThis as unknown as {
      document: { querySelector(s: string): unknown };
      MutationObserver: new (
        callback: () => void,
      ) => { observe(target: unknown, options: unknown): void; disconnect(): void };
    };
    const marks = { ready: 0, lastLongTaskEnd: 0 };
    (globalThis as unknown as { __tti: typeof marks }).__tti = marks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        marks.lastLongTaskEnd = Math.max(marks.lastLongTaskEnd, entry.startTime + entry.duration);
      }
    }).observe({ type: 'longtask' as 'mark', buffered: true }); // Node's types do not know the browser's entry types
    const observer = new page.MutationObserver(() => {
      if (marks.ready === 0 && page.document.querySelector(selector)) {
        marks.ready = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(page.document, { childList: true, subtree: true });
  }, READY_SELECTOR);
  await page.goto(`http://127.0.0.1:${server.port}${path}`);
  await page.waitForSelector(READY_SELECTOR);
  await page.waitForTimeout(1000); // a quiet second: long tasks after the first render count
  const marks = await page.evaluate(
    () => (globalThis as unknown as { __tti: { ready: number; lastLongTaskEnd: number } }).__tti,
  );
  await context.close();
  return Math.max(marks.ready, marks.lastLongTaskEnd);
}

try {
  await timeToInteractive('/'); // warm the server
  const baseline: number[] = [];
  const app: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(await timeToInteractive('/bench-baseline.html'));
    app.push(await timeToInteractive('/'));
  }
  const table = [
    `Web app benchmark, ${new Date().toISOString()}: production build, headless chromium (phone viewport, cold cache, local server), ${ROUNDS} alternating rounds, median`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| citizen first screen JS, gzipped (${first.js.length} files) | ${firstJsKb.toFixed(1)} KB |`,
    `| all JS of the app, gzipped (${allJs.length} files) | ${allJsKb.toFixed(1)} KB |`,
    `| time to interactive, static baseline page | ${median(baseline).toFixed(0)} ms |`,
    `| time to interactive, citizen home (/) | ${median(app).toFixed(0)} ms |`,
    '',
    `citizen home / baseline: ${(median(app) / median(baseline)).toFixed(2)} x the time to interactive`,
  ].join('\n');
  writeResult('web', { firstJs: first.js, firstJsKb, allJsKb, baseline, app }, table);
} finally {
  await browser.close();
  await server.stop();
  rmSync(webDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
