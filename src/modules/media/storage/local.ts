// Media on the local disk under <DATA_DIR>/media: one file per object key, written by
// renaming a finished spool file into place, so a reader sees a whole file or none.
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertSafeKey, type ByteRange, type MediaStorage, type StoredObject } from './storage.js';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export class LocalMediaStorage implements MediaStorage {
  readonly kind = 'local';
  readonly spoolDir: string;

  constructor(readonly root: string) {
    // Inside the root so that storing is a rename on one file system; no key starts with "spool".
    this.spoolDir = join(root, 'spool');
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    return join(this.root, key);
  }

  async putFile(key: string, path: string): Promise<void> {
    const target = this.pathOf(key);
    if (await this.stat(key)) {
      await rm(path, { force: true });
      return;
    }
    await mkdir(dirname(target), { recursive: true });
    // Two uploads of the same bytes may race here: both renames put identical content in place.
    await rename(path, target);
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      // The stream owns the handle from here and closes it when done or destroyed.
      const body = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      return { body, size, range };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const info = await stat(this.pathOf(key));
      return { size: info.size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
