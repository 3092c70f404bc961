// An error from an administration call in words the administrator can act on: the known codes
// have their own sentence in admin.json (errors.*); others fall back to the server's message.
import type { TFunction } from 'i18next';
import { ApiError, isNetworkError } from '../../api/client';

export function adminErrorText(error: unknown, t: TFunction<'admin'>): string {
  if (isNetworkError(error)) return t('common:errors.offline');
  if (!(error instanceof ApiError)) return t('common:errors.unexpected');
  const known = `errors.${error.code}`;
  const text = t(known, { defaultValue: '' });
  if (text) return text;
  if (error.status >= 500) return t('common:errors.unexpected');
  return error.message;
}
