// The README's architecture section names every module under src/modules, one line each, so a
// newcomer reading it in order meets every capability (and a new module cannot be left out).
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

describe('the README architecture section', () => {
  it('lists every module under src/modules on a line of its own', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const architecture = readme.slice(readme.indexOf('## Architecture'));
    const block = architecture.slice(architecture.indexOf('  modules/'), architecture.indexOf('  shared/'));
    const listed = [...block.matchAll(/^ {4}([a-z0-9-]+)\/ {2,}\S/gm)].map((m) => m[1]);
    const entries = await readdir(new URL('../src/modules/', import.meta.url), { withFileTypes: true });
    const modules = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    expect(listed.sort()).toEqual(modules.sort());
  });
});
