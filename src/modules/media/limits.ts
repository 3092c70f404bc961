// What an uploader may send: every picture is held to the decode limit; a citizen also to a
// daily quota of bytes and a number of upload requests per window, per account and per
// address (docs/security.md, "Limits"). Staff are not counted: their accounts are the city's.
import type { IntakeLimits } from '../../platform/config.js';
import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';
import { consumeLimits, perAccountAndAddress } from '../../platform/rate-limit.js';
import type { UploadOptions } from './service.js';

const DAY_SECONDS = 86_400;

type Uploader = Pick<Principal, 'userId' | 'role'>;

export function uploadOptionsFor(limits: IntakeLimits, uploader: Uploader): UploadOptions {
  const counted = uploader.role === 'citizen' && limits.uploadBytesPerDay > 0;
  return {
    uploadedBy: uploader.userId,
    maxPixels: limits.mediaMaxPixels,
    quota: counted
      ? { bucket: `upload-bytes:account:${uploader.userId}`, max: limits.uploadBytesPerDay, windowSeconds: DAY_SECONDS }
      : null,
  };
}

/** Counts one upload request of a citizen before any of it is read; 429 rate_limited past the limits. */
export async function limitUploadRequests(
  db: Database,
  limits: IntakeLimits,
  uploader: Uploader,
  ip: string,
): Promise<void> {
  if (uploader.role !== 'citizen') return;
  await consumeLimits(
    db,
    perAccountAndAddress(
      'uploads',
      { userId: uploader.userId, ip },
      { perAccount: limits.uploadsPerAccount, perIp: limits.uploadsPerIp },
      limits.windowSeconds,
    ),
    'Too many uploads: wait a few minutes before sending more',
  );
}
