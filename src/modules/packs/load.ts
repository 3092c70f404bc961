// Reads the files of a city pack directory. Nothing is interpreted here beyond JSON syntax:
// a file that cannot be read or parsed becomes a problem, so that validation can still report
// the problems of the other files in the same run.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

export const PACK_FILES = {
  manifest: 'pack.json',
  areas: 'areas.geojson',
  agencies: 'agencies.json',
  categories: 'categories.json',
} as const;

export type PackFileKey = keyof typeof PACK_FILES;

/** One file of the pack; parsed is false when it is absent or not JSON (a problem says which). */
export interface PackFile {
  name: string;
  present: boolean;
  parsed: boolean;
  json: unknown;
}

export interface LoadedPack {
  dir: string;
  /** The directory's name: the pack code when there is no pack.json. */
  dirName: string;
  files: Record<PackFileKey, PackFile>;
  /** sha256 over the names and bytes of the files present, in a fixed order. */
  checksum: string;
  problems: string[];
}

export async function loadPack(dir: string): Promise<LoadedPack> {
  const absolute = resolve(dir);
  const problems: string[] = [];
  const hash = createHash('sha256');
  const files = {} as Record<PackFileKey, PackFile>;
  const isDirectory = await stat(absolute).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isDirectory) problems.push(`${absolute}: no such pack directory`);

  for (const key of Object.keys(PACK_FILES) as PackFileKey[]) {
    const name = PACK_FILES[key];
    const file: PackFile = { name, present: false, parsed: false, json: undefined };
    files[key] = file;
    if (!isDirectory) continue;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(absolute, name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // pack.json is optional: without it the directory name is the code.
      if (code === 'ENOENT' && key === 'manifest') continue;
      problems.push(`${name}: ${code === 'ENOENT' ? 'file is missing' : `cannot be read (${code ?? String(error)})`}`);
      continue;
    }
    file.present = true;
    hash.update(`${name}\0`).update(bytes).update('\0');
    try {
      // Editors on Windows often save a byte order mark, which JSON.parse rejects.
      file.json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      file.parsed = true;
    } catch (error) {
      problems.push(`${name}: not valid JSON (${(error as Error).message})`);
    }
  }

  return { dir: absolute, dirName: basename(absolute), files, checksum: hash.digest('hex'), problems };
}
