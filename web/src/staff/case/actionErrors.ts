// How a failed action is told: a case that changed meanwhile (stale version, or a state that no
// longer allows the move) is a conflict the whole view reports after reloading the case;
// anything else stays with the form that failed, in the reader's language where we can.
import type { TFunction } from 'i18next';
import type { CaseState } from '../../../../src/shared/cases';
import { ApiError, isNetworkError } from '../../api/client';
import { errorText } from '../../api/errorText';

export function isConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'version_conflict' || error.code === 'invalid_transition');
}

/** The words for a conflict, once the case has been reloaded. */
export function conflictText(error: ApiError, t: TFunction<'case'>): string {
  if (error.code === 'invalid_transition') {
    const details = error.details as { state?: CaseState } | undefined;
    return details?.state
      ? t('conflict.notAllowed', { state: t(`states.${details.state}`) })
      : t('conflict.notAllowedNow');
  }
  return t('conflict.stale');
}

export function actionErrorText(error: unknown, t: TFunction<'case'>): string {
  if (isNetworkError(error)) return t('errors.offline');
  if (error instanceof ApiError) {
    if (error.status === 403 || error.status === 404) return t('errors.notAllowed');
    return errorText(error);
  }
  return t('errors.unexpected');
}
