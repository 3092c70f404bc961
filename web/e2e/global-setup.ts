// Builds the web app once per test run into a folder of its own (so that parallel runs and
// a developer's own dist/ never collide) and says where screenshots go.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject) {
  const webDir = mkdtempSync(join(tmpdir(), 'citypulse-web-'));
  // vitest sets NODE_ENV=test, which would bundle React's development build
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({
    configFile: resolve('web/vite.config.ts'),
    logLevel: 'warn',
    mode: 'production',
    build: { outDir: webDir, emptyOutDir: true, sourcemap: false },
  });
  process.env.NODE_ENV = nodeEnv;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const screenshotDir = resolve(process.env.SCREENSHOT_DIR ?? join('test-results', 'screenshots', stamp));
  mkdirSync(screenshotDir, { recursive: true });
  console.log(`\nweb e2e: screenshots are saved in ${screenshotDir}\n`);
  project.provide('webDir', webDir);
  project.provide('screenshotDir', screenshotDir);
  return () => rmSync(webDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    webDir: string;
    screenshotDir: string;
  }
}
