// Detections from sensors and cameras (API clients with the report scope). A detection of the
// same category near an open case the same client reported within the last day is folded into
// that case as a staff-only note; otherwise it becomes a new case through the shared intake.
import type { Database } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { OPEN_STATES } from '../../shared/cases.js';
import type { ApiClient } from '../api-clients/service.js';
import type { Intake } from '../cases/intake.js';
import { submitReport } from '../cases/submit.js';
import { appendEvent, lockCase } from '../cases/timeline.js';
import { boxAround } from '../triage/duplicates.js';
import { type TriageClassifier, triageTextOf } from '../triage/service.js';

export const FOLD_RADIUS_METERS = 50;
export const FOLD_WINDOW_HOURS = 24;

export interface Detection {
  category: string;
  lat: number;
  lon: number;
  confidence: number;
  image_url?: string | undefined;
  observed_at?: string | undefined;
  device_id?: string | undefined;
}

export interface DetectionResult {
  case_code: string;
  folded: boolean;
}

export interface DetectionDeps {
  db: Database;
  intake: Intake;
  classifier: TriageClassifier;
}

const EARTH_RADIUS_M = 6_371_008.8;
const OPEN_STATES_SQL = OPEN_STATES.map((state) => `'${state}'`).join(', ');

// The same client's open case of this category within the radius and window, nearest first.
const REPEAT_SQL = `
SELECT c.id FROM cases c
 WHERE c.reporter_id = $1 AND c.category_id = $2
   AND point(c.lon, c.lat) <@ box(point($5, $6), point($7, $8))
   AND c.state IN (${OPEN_STATES_SQL})
   AND c.created_at >= now() - make_interval(hours => $9)
   AND 2 * ${EARTH_RADIUS_M} * asin(least(1, sqrt(
         sin(radians(c.lat - $3) / 2) ^ 2 + cos(radians($3)) * cos(radians(c.lat)) * sin(radians(c.lon - $4) / 2) ^ 2
       ))) <= $10
 ORDER BY c.created_at DESC
 LIMIT 1`;

const confidenceText = (confidence: number) => confidence.toFixed(2);

export async function submitDetection(
  deps: DetectionDeps,
  client: ApiClient,
  detection: Detection,
): Promise<DetectionResult> {
  const { db, intake, classifier } = deps;
  const { rows: categories } = await db.query<{ id: number; code: string; name_vi: string; name_en: string }>(
    'SELECT id, code, name_vi, name_en FROM categories WHERE code = $1 AND active',
    [detection.category],
  );
  const category = categories[0];
  if (!category) throw badRequest('unknown_category', `There is no category with the code ${detection.category}`);
  const reporter = { userId: client.service_user_id, role: 'citizen' };
  const confidence = confidenceText(detection.confidence);

  const box = boxAround(detection.lat, detection.lon, FOLD_RADIUS_METERS);
  const folded = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(REPEAT_SQL, [
      client.service_user_id,
      category.id,
      detection.lat,
      detection.lon,
      box.minLon,
      box.minLat,
      box.maxLon,
      box.maxLat,
      FOLD_WINDOW_HOURS,
      FOLD_RADIUS_METERS,
    ]);
    if (!rows[0]) return null;
    const current = await lockCase(tx, rows[0].id);
    if (!OPEN_STATES.includes(current.state)) return null; // closed meanwhile: a new case
    const details = [
      `độ tin cậy ${confidence}`,
      detection.observed_at ? `lúc ${detection.observed_at}` : null,
      detection.device_id ? `thiết bị ${detection.device_id}` : null,
      detection.image_url ? `ảnh ${detection.image_url}` : null,
    ].filter(Boolean);
    const { case: updated } = await appendEvent(tx, current, reporter, {
      type: 'note',
      public: false,
      payload: { text: `Cảm biến phát hiện lại: ${category.name_vi} (${details.join(', ')})` },
    });
    return updated.code;
  });
  if (folded) return { case_code: folded, folded: true };

  const description = `Cảm biến phát hiện: ${category.name_vi} (độ tin cậy ${confidence})`;
  const result = await submitReport(
    { intake, classifier },
    {
      input: { description, category: category.code, lat: detection.lat, lon: detection.lon },
      channel: 'sensor',
      reporter,
      // triage reads the category's names: the generated description says little
      triageText: triageTextOf(null, `${category.name_vi}. ${category.name_en}`),
    },
  );
  if (detection.image_url || detection.device_id) {
    // staff-only details of the request, beside those of Open311 clients
    await db.query(
      `INSERT INTO open311_request_details (case_id, api_client_id, media_url, device_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING`,
      [result.case.id, client.id, detection.image_url ?? null, detection.device_id ?? null],
    );
  }
  return { case_code: result.case.code, folded: false };
}
