// An error from an administration call in words the administrator can act on: a few codes
// have a sentence of their own in admin.json (errors.*); the rest are said by the shared
// errors namespace (api/errorText.ts).
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';

export function adminErrorText(error: unknown, t: TFunction<'admin'>): string {
  if (error instanceof ApiError && error.status < 500) {
    const text = t(`errors.${error.code}`, { defaultValue: '' });
    if (text) return text;
  }
  return errorText(error);
}
