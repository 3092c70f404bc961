// Test support: city packs written to temporary directories, from the Hue pack with faults
// injected, or from scratch.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HUE_DIR = fileURLToPath(new URL('../../../packs/hue/', import.meta.url));

export type PackContents = Partial<
  Record<'pack.json' | 'areas.geojson' | 'agencies.json' | 'categories.json', unknown>
>;
type Item = Record<string, unknown>;

export interface Feature {
  type: string;
  properties: Item;
  geometry: { type: string; coordinates: unknown };
}

export interface HueFiles {
  manifest: Item;
  areas: { type: string; features: Feature[] };
  agencies: { agencies: Item[] };
  categories: { priorities: string[]; categories: Item[] };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(HUE_DIR, file), 'utf8')) as T;

export function readHue(): HueFiles {
  return {
    manifest: readJson('pack.json'),
    areas: readJson('areas.geojson'),
    agencies: readJson('agencies.json'),
    categories: readJson('categories.json'),
  };
}

const tempDirs: string[] = [];

/** Writes a pack into a new directory (named `name` when given); a string is written as is (broken JSON). */
export function writePack(contents: PackContents, name?: string): string {
  const parent = mkdtempSync(join(tmpdir(), 'citypulse-pack-'));
  tempDirs.push(parent);
  const dir = name ? join(parent, name) : parent;
  mkdirSync(dir, { recursive: true });
  for (const [file, value] of Object.entries(contents)) {
    if (value === undefined) continue;
    writeFileSync(join(dir, file), typeof value === 'string' ? value : JSON.stringify(value, null, 1));
  }
  return dir;
}

/** The Hue pack after mutate() changed it. */
export function writeHue(mutate: (files: HueFiles) => void = () => {}): string {
  const files = readHue();
  mutate(files);
  return writePack({
    'pack.json': files.manifest,
    'areas.geojson': files.areas,
    'agencies.json': files.agencies,
    'categories.json': files.categories,
  });
}

export function removeTempPacks(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
