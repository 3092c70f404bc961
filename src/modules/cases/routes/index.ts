import type { IntakeLimits } from '../../../platform/config.js';
import type { Database } from '../../../platform/db/index.js';
import type { App } from '../../../platform/http/types.js';
import type { MediaStorage } from '../../media/storage/index.js';
import type { TriageClassifier } from '../../triage/service.js';
import type { Intake } from '../intake.js';
import { caseMediaRoutes } from './case-media.js';
import { citizenCaseRoutes } from './citizen.js';
import { duplicateRoutes } from './duplicates.js';
import { intakeRoutes } from './intake.js';
import { liveCaseRoutes } from './live.js';
import { measureRoutes } from './measures.js';
import { publicCaseRoutes } from './public.js';
import { staffCaseRoutes } from './staff.js';
import { reportUploads } from './uploads.js';

export async function caseRoutes(
  app: App,
  {
    db,
    storage,
    intake,
    classifier,
    limits,
  }: { db: Database; storage: MediaStorage; intake: Intake; classifier: TriageClassifier; limits: IntakeLimits },
) {
  await app.register(intakeRoutes, {
    db,
    intake,
    uploads: reportUploads(db, storage, limits),
    classifier,
    limits,
  });
  await app.register(liveCaseRoutes, { db });
  await app.register(staffCaseRoutes, { db });
  await app.register(citizenCaseRoutes, { db });
  await app.register(publicCaseRoutes, { db });
  await app.register(measureRoutes, { db });
  await app.register(caseMediaRoutes, { db, storage });
  await app.register(duplicateRoutes, { db });
}
