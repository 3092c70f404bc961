// A case's attachments as received, with their metadata (GPS position, camera, serial
// number): for the staff who may see the case and, among citizens, for the one who sent the
// file (and staff's files for those who reported the problem). Everyone else, supporters
// included, gets the public copies. Video, audio and originals are never public. Agency staff
// get the anonymous reporter's photos without their metadata (camera, serial, where it stood):
// who reported an anonymous report is the operations center's to know alone.
import Type from 'typebox';
import type { Database } from '../../../platform/db/index.js';
import { notFound } from '../../../platform/errors.js';
import { principalOf } from '../../../platform/http/access.js';
import type { App } from '../../../platform/http/types.js';
import { isAgencyRole, ROLES } from '../../../shared/roles.js';
import { serveOriginal, serveStrippedCopy } from '../../media/routes.js';
import { getMedia } from '../../media/service.js';
import type { MediaStorage } from '../../media/storage/index.js';
import { assertStaffMaySee } from '../access.js';
import { citizenRelation } from '../privacy.js';

/**
 * A citizen has the originals they sent, and those staff sent to the people who reported the
 * problem; never another citizen's (it would tell where they stood and with which camera).
 */
async function citizenMayHaveOriginal(
  db: Database,
  userId: string,
  caseId: string,
  media: { uploaded_by: string | null },
) {
  const relation = await citizenRelation(db, userId, caseId);
  if (media.uploaded_by === userId) return true;
  if (relation === 'supporter' || media.uploaded_by === null) return false;
  const { rows } = await db.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [media.uploaded_by]);
  return rows[0] !== undefined && rows[0].role !== 'citizen';
}

export async function caseMediaRoutes(app: App, { db, storage }: { db: Database; storage: MediaStorage }) {
  app.get(
    '/cases/:id/media/:mediaId',
    {
      config: { access: ROLES },
      schema: {
        tags: ['cases'],
        summary: 'An attachment of a case, as received (the citizen who sent it, the staff who may see the case)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), mediaId: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id, mediaId } = request.params;
      const { rows } = await db.query<{ agency_id: number | null; anonymous: boolean; reporter_id: string | null }>(
        `SELECT c.agency_id, c.anonymous, c.reporter_id FROM cases c JOIN case_media cm ON cm.case_id = c.id
          WHERE c.id = $1 AND cm.media_id = $2`,
        [id, mediaId],
      );
      const held = rows[0];
      if (!held) throw notFound('There is no such attachment', 'media_not_found');
      if (principal.role !== 'citizen') assertStaffMaySee(principal, held);
      const media = await getMedia(db, mediaId);
      if (!media) throw notFound('There is no such attachment', 'media_not_found');
      if (principal.role === 'citizen' && !(await citizenMayHaveOriginal(db, principal.userId, id, media))) {
        throw notFound('There is no such attachment', 'media_not_found');
      }
      const anonymousReporters =
        isAgencyRole(principal.role) &&
        held.anonymous &&
        media.uploaded_by !== null &&
        media.uploaded_by === held.reporter_id;
      if (anonymousReporters) {
        if (media.kind === 'image') return serveStrippedCopy(storage, media, request, reply);
        // a recording keeps its bytes (the evidence), under no name the phone gave it
        return serveOriginal(storage, { ...media, original_name: `${media.kind}-${media.id}` }, request, reply);
      }
      return serveOriginal(storage, media, request, reply);
    },
  );
}
