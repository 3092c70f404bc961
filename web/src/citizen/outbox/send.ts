// One report to the server: multipart with its fields, its files as parts named "files" and
// its Idempotency-Key. Whether a failure is worth another try is decided here too.
import type { CitizenCase } from '../../../../src/shared/cases';
import { ApiError } from '../../api/client';
import { uploadForm } from '../../api/upload';
import type { OutboxError, OutboxItem } from './store';

export function reportForm(item: Pick<OutboxItem, 'fields' | 'files'>): FormData {
  const { fields } = item;
  const form = new FormData();
  form.append('description', fields.description);
  form.append('lat', String(fields.lat));
  form.append('lon', String(fields.lon));
  if (fields.address) form.append('address', fields.address);
  if (fields.category) form.append('category', fields.category);
  if (fields.anonymous) form.append('anonymous', 'true');
  // an object in a form: as JSON text, which the server reads back (routes/uploads.ts)
  if (fields.attributes) form.append('attributes', JSON.stringify(fields.attributes));
  form.append('channel', 'web');
  // files after the fields: the server reads the parts in order and streams files to storage
  for (const file of item.files) form.append('files', file.blob, file.name);
  return form;
}

export function sendReport(
  item: Pick<OutboxItem, 'id' | 'fields' | 'files'>,
  onProgress?: (fraction: number) => void,
): Promise<CitizenCase> {
  return uploadForm<CitizenCase>('/reports', reportForm(item), {
    headers: { 'idempotency-key': item.id },
    onProgress,
  });
}

export function outboxErrorOf(error: unknown): OutboxError {
  if (error instanceof ApiError) {
    return { status: error.status, code: error.code, message: error.message, details: error.details };
  }
  return { status: 0, code: 'network_error', message: error instanceof Error ? error.message : String(error) };
}

/**
 * A refusal that sending again will not change: the citizen has to edit or discard the
 * report. Not signed in (401), too many requests (429), a timeout (408), a server fault
 * (5xx) and no answer at all (0) are worth another try.
 */
export function isRefusal(error: OutboxError): boolean {
  return error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
}
