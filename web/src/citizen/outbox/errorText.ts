// A report's failure in the citizen's language. The server answers in English with a stable
// code; the codes a citizen can meet while reporting are said here in words they can act on,
// and any other is said by its code (api/errorText.ts).
import type { TFunction } from 'i18next';
import { textForCode } from '../../api/errorText';
import type { OutboxError } from './store';

const KNOWN = new Set([
  'network_error',
  'not_signed_in',
  'outside_city',
  'empty_description',
  'unknown_category',
  'file_too_large',
  'unsupported_media_type',
  'corrupt_image',
  'image_dimensions_too_large',
  'too_many_files',
  'rate_limited',
  'upload_quota_exceeded',
]);

function detail(details: unknown, name: string): string | number | undefined {
  if (!details || typeof details !== 'object') return undefined;
  const value = (details as Record<string, unknown>)[name];
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

export function reportErrorText(t: TFunction, error: OutboxError): string {
  const code = error.status === 0 ? 'network_error' : error.status === 401 ? 'not_signed_in' : error.code;
  if (KNOWN.has(code)) {
    const maxBytes = detail(error.details, 'max_bytes');
    return t(`outbox:errors.${code}`, {
      file: detail(error.details, 'file') ?? '',
      max: typeof maxBytes === 'number' ? Math.round(maxBytes / (1024 * 1024)) : '',
    });
  }
  if (error.status >= 500) return t('outbox:errors.server');
  return textForCode(error);
}
