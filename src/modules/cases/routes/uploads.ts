// Reading a multipart report: its fields (the same names as the JSON body, checked by the
// function that checks every report, submit.ts) and its attachments, each streamed to storage
// as it arrives.
import type {} from '@fastify/multipart'; // request.parts()
import type { FastifyRequest } from 'fastify';
import type { IntakeLimits } from '../../../platform/config.js';
import type { Database } from '../../../platform/db/index.js';
import { badRequest } from '../../../platform/errors.js';
import type { Principal } from '../../../platform/http/access.js';
import { assertStorableText } from '../../../platform/http/text-input.js';
import type { ReportInput } from '../../../shared/cases.js';
import { MAX_FILES_PER_REPORT } from '../../media/formats.js';
import { uploadOptionsFor } from '../../media/limits.js';
import { discardMedia, receiveUpload } from '../../media/service.js';
import type { MediaStorage } from '../../media/storage/index.js';
import { checkReportInput } from '../submit.js';

export interface ParsedReport {
  input: ReportInput;
  mediaIds: string[];
  suggestion: { lat: number | null; lon: number | null; taken_at: string | null } | null;
}

export interface ReportUploads {
  read(request: FastifyRequest, reporter: Pick<Principal, 'userId' | 'role'>): Promise<ParsedReport>;
  discard(mediaIds: string[]): Promise<void>;
}

const NUMBER_FIELDS = new Set(['lat', 'lon']);
const BOOLEAN_FIELDS = new Set(['anonymous']);

/** Form fields arrive as text: turn them into what the JSON schema expects. */
function typedField(name: string, value: string): unknown {
  // the answers to the category's attributes, an object: as JSON text in a form
  if (name === 'attributes') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value; // the schema check names the field
    }
  }
  if (NUMBER_FIELDS.has(name)) return value.trim() === '' ? value : Number(value);
  if (BOOLEAN_FIELDS.has(name))
    return value === 'true' || value === '1' || value === 'on'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value;
  return value;
}

export function reportUploads(db: Database, storage: MediaStorage, limits: IntakeLimits): ReportUploads {
  return {
    async read(request, reporter) {
      const options = uploadOptionsFor(limits, reporter);
      const fields: Record<string, unknown> = {};
      const mediaIds: string[] = [];
      let suggestion: ParsedReport['suggestion'] = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'files')
              throw badRequest('unexpected_file', `Attachments go in parts named "files", not "${part.fieldname}"`);
            if (mediaIds.length >= MAX_FILES_PER_REPORT) {
              throw badRequest('too_many_files', `At most ${MAX_FILES_PER_REPORT} attachments per report`);
            }
            const stored = await receiveUpload(
              db,
              storage,
              { file: part.file, filename: part.filename, mimetype: part.mimetype },
              options,
            );
            mediaIds.push(stored.id);
            suggestion ??= stored.suggestion
              ? {
                  lat: stored.suggestion.lat ?? null,
                  lon: stored.suggestion.lon ?? null,
                  taken_at: stored.suggestion.taken_at ?? null,
                }
              : null;
          } else {
            if (part.fieldname in fields)
              throw badRequest('duplicate_field', `The field ${part.fieldname} is given twice`);
            assertStorableText(String(part.value), part.fieldname);
            fields[part.fieldname] = typedField(part.fieldname, String(part.value));
          }
        }
        return { input: checkReportInput(fields), mediaIds, suggestion };
      } catch (error) {
        // nothing of a refused report stays behind
        await discardMedia(db, storage, mediaIds);
        throw error;
      }
    },
    async discard(mediaIds) {
      await discardMedia(db, storage, mediaIds);
    },
  };
}
