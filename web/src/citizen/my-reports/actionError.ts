// The words for an action that failed: a case that changed meanwhile is said in the reader's
// language (the server's own message is English); anything else is said by its code (api/errorText.ts).
import type { TFunction } from 'i18next';
import { ApiError, isNetworkError } from '../../api/client';
import { errorText } from '../../api/errorText';

export function actionErrorText(error: unknown, t: TFunction<'cases'>): string {
  if (isNetworkError(error)) return t('errors.offline');
  if (error instanceof ApiError) {
    if (error.code === 'version_conflict') return t('errors.stale');
    if (error.code === 'invalid_transition') return t('errors.stateChanged');
    return errorText(error);
  }
  return t('errors.unexpected');
}
