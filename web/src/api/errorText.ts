// Every error a person can meet, in their language: the server answers in English with a
// stable code, and each code has its sentence in locales/<language>/errors.json (a test walks
// every code the API can return). An unknown code falls back to a sentence for its HTTP
// status, never to the server's English message.
import { i18next } from '../i18n';
import { ApiError, isNetworkError } from './client';

export interface ErrorLike {
  status: number;
  code: string;
}

function statusText(status: number): string {
  if (status >= 500) return i18next.t('errors:status.500');
  const key = `errors:status.${status}`;
  return i18next.exists(key) ? i18next.t(key) : i18next.t('errors:status.400');
}

/** The sentence for an error the server answered with (status 0: it never reached the server). */
export function textForCode(error: ErrorLike): string {
  if (error.status === 0) return i18next.t('errors:offline');
  const key = `errors:codes.${error.code}`;
  if (i18next.exists(key)) return i18next.t(key);
  return statusText(error.status);
}

export function errorText(error: unknown): string {
  if (isNetworkError(error)) return i18next.t('errors:offline');
  if (error instanceof ApiError) return textForCode(error);
  return i18next.t('errors:unexpected');
}

/** The sentence for a form's field when the server refused what was typed (a 4xx), else null. */
export function refusalText(error: unknown): string | null {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 ? textForCode(error) : null;
}
