// A case's attachments as the people of the case may see them: staff who may see the case,
// and the citizens who follow it. Video, audio and originals are never public.
import Type from 'typebox';
import type { Database } from '../../../platform/db/index.js';
import { notFound } from '../../../platform/errors.js';
import { principalOf } from '../../../platform/http/access.js';
import type { App } from '../../../platform/http/types.js';
import { ROLES } from '../../../shared/roles.js';
import { serveOriginal } from '../../media/routes.js';
import { getMedia } from '../../media/service.js';
import type { MediaStorage } from '../../media/storage/index.js';
import { assertCitizenFollows, assertStaffMaySee } from '../access.js';

export async function caseMediaRoutes(app: App, { db, storage }: { db: Database; storage: MediaStorage }) {
  app.get(
    '/cases/:id/media/:mediaId',
    {
      config: { access: ROLES },
      schema: {
        tags: ['cases'],
        summary: "An attachment of a case, as received (the case's citizens and the staff who may see it)",
        params: Type.Object({ id: Type.String({ format: 'uuid' }), mediaId: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id, mediaId } = request.params;
      const { rows } = await db.query<{ agency_id: number | null }>(
        'SELECT c.agency_id FROM cases c JOIN case_media cm ON cm.case_id = c.id WHERE c.id = $1 AND cm.media_id = $2',
        [id, mediaId],
      );
      const held = rows[0];
      if (!held) throw notFound('There is no such attachment', 'media_not_found');
      if (principal.role === 'citizen') await assertCitizenFollows(db, principal.userId, id);
      else assertStaffMaySee(principal, held);
      const media = await getMedia(db, mediaId);
      if (!media) throw notFound('There is no such attachment', 'media_not_found');
      return serveOriginal(storage, media, request, reply);
    },
  );
}
