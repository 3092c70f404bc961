// City packs over HTTP (admins): the pack's files are uploaded, checked as a whole, and
// either listed with every problem or imported in one transaction. A broken pack is never
// partly imported.
import type {} from '@fastify/multipart'; // request.parts()
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import { PACK_FILE_NAMES, PackImportSummary, PackValidationReport } from '../../shared/admin.js';
import { auditContextOf } from '../audit/context.js';
import { recordAudit } from '../audit/service.js';
import { importLoadedPack } from './import.js';
import { type LoadedPack, loadPackFromFiles, PACK_FILES, type PackFileKey } from './load.js';
import { PackInvalidError } from './validate.js';

/** A city's boundaries in GeoJSON are the largest file; a whole country's wards fit in this. */
export const MAX_PACK_FILE_BYTES = 50 * 1024 * 1024;
const UPLOAD_LABEL = 'the uploaded files';
const KEYS = new Map((Object.keys(PACK_FILES) as PackFileKey[]).map((key) => [PACK_FILES[key] as string, key]));

/** The uploaded files, each in a part named after the file (pack.json, areas.geojson, ...). */
async function receivePack(request: FastifyRequest): Promise<LoadedPack> {
  if (!request.isMultipart()) throw badRequest('not_multipart', 'Send the pack files as multipart/form-data');
  const files: Partial<Record<PackFileKey, Buffer>> = {};
  const parts = request.parts({ limits: { files: PACK_FILE_NAMES.length, fileSize: MAX_PACK_FILE_BYTES, fields: 0 } });
  for await (const part of parts) {
    const key = KEYS.get(part.fieldname);
    if (part.type !== 'file' || !key) {
      throw badRequest('unexpected_part', `Send files in parts named ${PACK_FILE_NAMES.join(', ')}`, {
        part: part.fieldname,
      });
    }
    if (files[key]) throw badRequest('duplicate_file', `${part.fieldname} was sent twice`);
    files[key] = await part.toBuffer();
  }
  if (Object.keys(files).length === 0) throw badRequest('no_files', 'No file was sent');
  return loadPackFromFiles(UPLOAD_LABEL, files);
}

const errors = {
  400: { $ref: 'ErrorBody#' },
  413: { $ref: 'ErrorBody#' },
  422: { $ref: 'ErrorBody#' },
};

export async function packRoutes(app: App, { db }: { db: Database }) {
  app.post(
    '/admin/pack/validate',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Check a city pack without importing it: every problem, or what an import would change',
        description: `multipart/form-data, one part per file named ${PACK_FILE_NAMES.join(', ')} (pack.json is required).`,
        response: { 200: PackValidationReport, ...errors },
      },
    },
    async (request) => {
      const loaded = await receivePack(request);
      let report: PackValidationReport;
      try {
        const changes = await importLoadedPack(db, loaded, { dryRun: true });
        report = { valid: true, problems: [], changes };
      } catch (error) {
        if (!(error instanceof PackInvalidError)) throw error;
        report = { valid: false, problems: error.problems, changes: null };
      }
      await recordAudit(db, auditContextOf(request), {
        action: 'pack.validated',
        targetType: 'city_pack',
        targetId: report.changes?.pack.code,
        details: { valid: report.valid, problems: report.problems.length, checksum: loaded.checksum },
      });
      return report;
    },
  );

  app.post(
    '/admin/pack/import',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Import a city pack: all of it in one transaction, or nothing (422 pack_invalid lists every problem)',
        description: `multipart/form-data, one part per file named ${PACK_FILE_NAMES.join(', ')} (pack.json is required). Importing the same pack again changes nothing.`,
        response: { 200: PackImportSummary, ...errors },
      },
    },
    async (request) => {
      const loaded = await receivePack(request);
      const context = auditContextOf(request);
      try {
        return await importLoadedPack(db, loaded, { audit: context });
      } catch (error) {
        if (error instanceof PackInvalidError) {
          await recordAudit(db, context, {
            action: 'pack.import_refused',
            targetType: 'city_pack',
            details: { problems: error.problems.length, checksum: loaded.checksum },
          });
        }
        throw error;
      }
    },
  );
}
