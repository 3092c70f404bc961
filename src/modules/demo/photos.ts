// Photos on a share of the demo cases: the citizen's photo with the report, and the agency's
// proof with the resolution. A few dozen scenes are drawn and received through the media
// module (so their public copies and thumbnails exist); each case then gets its own media
// row sharing the stored objects of one scene, as uploads of the same bytes do.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Database } from '../../platform/db/index.js';
import { discardMedia, receiveUpload } from '../media/service.js';
import type { MediaStorage } from '../media/storage/index.js';
import { Random } from '../synthetic/random.js';
import { drawScene, SCENE_OF, type SceneKind } from './scenes.js';

const KINDS: SceneKind[] = ['waste', 'road', 'light', 'water', 'tree', 'street'];
const BEFORE_PER_KIND = 3;
const AFTER_PER_KIND = 1;
/** Reports that come with a photo, and resolutions with a proof photo. */
const REPORT_PHOTO_SHARE = 0.35;
const PROOF_PHOTO_SHARE = 0.5;

interface PhotoSlot {
  caseId: string;
  eventId: number;
  uploader: string | null;
  at: Date;
  kind: SceneKind;
  fixed: boolean;
}

/** The scenes, drawn and received as uploads: per kind and before/after, their media ids. */
export type Scenes = Map<string, string[]>;

export async function drawScenes(db: Database, storage: MediaStorage, seed: number): Promise<Scenes> {
  const random = new Random(seed);
  const templates: Scenes = new Map();
  for (const kind of KINDS) {
    for (const fixed of [false, true]) {
      const ids: string[] = [];
      for (let i = 0; i < (fixed ? AFTER_PER_KIND : BEFORE_PER_KIND); i++) {
        const caption = fixed ? 'Sau khi xử lý - Huế' : 'Ảnh hiện trường - Huế';
        const bytes = await drawScene(random, kind, fixed, caption);
        const stored = await receiveUpload(
          db,
          storage,
          { file: Readable.from(bytes), filename: `${fixed ? 'sau-xu-ly' : 'hien-truong'}-${kind}-${i + 1}.jpg` },
          { uploadedBy: null },
        );
        ids.push(stored.id);
      }
      templates.set(`${kind}:${fixed}`, ids);
    }
  }
  return templates;
}

/** Gives a share of the reports and resolutions a photo of their kind; the scenes' own rows go. */
export async function addDemoPhotos(
  db: Database,
  storage: MediaStorage,
  templates: Scenes,
  seed: number,
): Promise<{ scenes: number; photos: number }> {
  const random = new Random(seed);
  const { rows: events } = await db.query<{
    case_id: string;
    event_id: number;
    type: string;
    actor_id: string | null;
    created_at: Date;
    category: string | null;
    channel: string;
  }>(
    `SELECT e.case_id, e.id AS event_id, e.type, e.actor_id, e.created_at, cat.code AS category, c.channel
       FROM case_events e JOIN cases c ON c.id = e.case_id LEFT JOIN categories cat ON cat.id = c.category_id
      WHERE e.type IN ('submitted', 'resolved') ORDER BY e.id`,
  );
  const slots: PhotoSlot[] = [];
  for (const event of events) {
    const kind = SCENE_OF[event.category ?? ''] ?? 'street';
    const fromCitizen = event.type === 'submitted' && ['app', 'web', 'assistant'].includes(event.channel);
    if (
      fromCitizen ? random.chance(REPORT_PHOTO_SHARE) : event.type === 'resolved' && random.chance(PROOF_PHOTO_SHARE)
    ) {
      slots.push({
        caseId: event.case_id,
        eventId: event.event_id,
        uploader: event.actor_id,
        at: event.created_at,
        kind,
        fixed: event.type === 'resolved',
      });
    }
  }
  const ids = slots.map(() => randomUUID());
  const templateIds = slots.map((slot) => random.pick(templates.get(`${slot.kind}:${slot.fixed}`) ?? []));
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO media (id, sha256, kind, mime, size_bytes, original_name, original_key, public_key, thumbnail_key,
                        width, height, public, uploaded_by, created_at)
     SELECT i.id, t.sha256, t.kind, t.mime, t.size_bytes, t.original_name, t.original_key, t.public_key, t.thumbnail_key,
            t.width, t.height, true, i.uploaded_by, i.created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) AS i (id, template_id, uploaded_by, created_at)
       JOIN media t ON t.id = i.template_id`,
      [ids, templateIds, slots.map((s) => s.uploader), slots.map((s) => s.at)],
    );
    await tx.query(
      `INSERT INTO case_media (case_id, media_id, event_id, position, created_at)
     SELECT case_id, media_id, event_id, 0, created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::timestamptz[]) AS i (case_id, media_id, event_id, created_at)`,
      [slots.map((s) => s.caseId), ids, slots.map((s) => s.eventId), slots.map((s) => s.at)],
    );
  });
  // the drawn scenes' own rows go; their stored objects stay, held by the cases' rows
  await discardMedia(db, storage, [...templates.values()].flat());
  return { scenes: [...templates.values()].flat().length, photos: slots.length };
}
