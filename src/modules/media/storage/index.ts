// Builds the configured media storage: the local disk by default, S3 when configured.
import { join } from 'node:path';
import type { Config } from '../../../platform/config.js';
import { LocalMediaStorage } from './local.js';
import { S3MediaStorage } from './s3.js';
import type { MediaStorage } from './storage.js';

export type { ByteRange, MediaKeys, MediaStorage, StoredObject } from './storage.js';
export { mediaKeys } from './storage.js';
export { LocalMediaStorage, S3MediaStorage };

export function createStorage(config: Pick<Config, 'dataDir' | 'mediaStorage' | 's3'>): MediaStorage {
  const root = join(config.dataDir, 'media');
  if (config.mediaStorage === 'local') return new LocalMediaStorage(root);
  if (!config.s3) throw new Error('MEDIA_STORAGE is s3 but the S3 settings are missing'); // loadConfig refuses this
  // Uploads are still received and derived on local disk before they go to the bucket.
  return new S3MediaStorage({ ...config.s3, spoolDir: join(root, 'spool') });
}
