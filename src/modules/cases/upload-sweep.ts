// Uploads that no case holds a day after they arrived (an attachment for a reply never sent,
// files of a report the client gave up on) are deleted with their stored objects. Cases own
// the link to media (case_media), so the sweep lives here and asks media to discard.
import type { Database } from '../../platform/db/index.js';
import type { PeriodicTask } from '../../platform/jobs/periodic.js';
import { discardMediaIn } from '../media/service.js';
import type { MediaStorage } from '../media/storage/index.js';

const BATCH = 100;
export const UNATTACHED_UPLOAD_HOURS = 24;

/**
 * Deletes up to BATCH unattached uploads older than `olderThanHours`. The rows are locked
 * with SKIP LOCKED: one that attachMedia holds at this moment (FOR KEY SHARE) is left for
 * the next sweep, and two servers sweeping at once take different rows.
 */
export async function sweepUnattachedUploads(
  db: Database,
  storage: MediaStorage,
  olderThanHours = UNATTACHED_UPLOAD_HOURS,
): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT m.id FROM media m
        WHERE m.created_at < now() - make_interval(hours => $1)
          AND NOT EXISTS (SELECT 1 FROM case_media cm WHERE cm.media_id = m.id)
        ORDER BY m.created_at LIMIT ${BATCH} FOR UPDATE OF m SKIP LOCKED`,
      [olderThanHours],
    );
    const result = await discardMediaIn(
      tx,
      storage,
      rows.map((row) => row.id),
    );
    return result.deleted;
  });
}

export function uploadSweepTasks(db: Database, storage: MediaStorage): PeriodicTask[] {
  return [{ name: 'media.sweep_unattached', everySeconds: 600, run: () => sweepUnattachedUploads(db, storage) }];
}
