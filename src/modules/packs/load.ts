// Reads the files of a city pack, from a directory or as sent to the server (an upload).
// Nothing is interpreted here beyond JSON syntax:
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
  const isDirectory = await stat(absolute).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isDirectory) {
    return parsePack(absolute, basename(absolute), {}, { unreadable: `${absolute}: no such pack directory` });
  }
  const sources: Partial<Record<PackFileKey, FileSource>> = {};
  for (const key of Object.keys(PACK_FILES) as PackFileKey[]) {
    try {
      sources[key] = await readFile(join(absolute, PACK_FILES[key]));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      sources[key] = code === 'ENOENT' ? undefined : { unreadable: code ?? String(error) };
    }
  }
  return parsePack(absolute, basename(absolute), sources, {});
}

/**
 * A pack sent as files (an upload) rather than read from a directory. Without a directory
 * name to fall back on, pack.json is required: it names the pack.
 */
export function loadPackFromFiles(label: string, files: Partial<Record<PackFileKey, Buffer>>): LoadedPack {
  return parsePack(label, label, files, { manifestRequired: true });
}

/** A file's bytes; undefined when absent; unreadable when it exists but could not be read. */
type FileSource = Buffer | undefined | { unreadable: string };

function parsePack(
  dir: string,
  dirName: string,
  sources: Partial<Record<PackFileKey, FileSource>>,
  options: {
    manifestRequired?: boolean;
    /** Set when the pack as a whole cannot be read: the one problem, and no file is looked at. */
    unreadable?: string;
  },
): LoadedPack {
  const hash = createHash('sha256');
  const files = {} as Record<PackFileKey, PackFile>;
  const problems = options.unreadable ? [options.unreadable] : [];
  for (const key of Object.keys(PACK_FILES) as PackFileKey[]) {
    const name = PACK_FILES[key];
    const file: PackFile = { name, present: false, parsed: false, json: undefined };
    files[key] = file;
    if (options.unreadable) continue;
    const source = sources[key];
    if (source === undefined) {
      // pack.json is optional in a directory: without it the directory name is the code.
      if (key !== 'manifest' || options.manifestRequired) problems.push(`${name}: file is missing`);
      continue;
    }
    if (!Buffer.isBuffer(source)) {
      problems.push(`${name}: cannot be read (${source.unreadable})`);
      continue;
    }
    file.present = true;
    hash.update(`${name}\0`).update(source).update('\0');
    try {
      // Editors on Windows often save a byte order mark, which JSON.parse rejects.
      file.json = JSON.parse(source.toString('utf8').replace(/^\uFEFF/, ''));
      file.parsed = true;
    } catch (error) {
      problems.push(`${name}: not valid JSON (${(error as Error).message})`);
    }
  }

  return { dir, dirName, files, checksum: hash.digest('hex'), problems };
}
