// A first sign-in with a temporary password must set a new one before anything else.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_DISTINCT_CHARACTERS, MIN_PASSWORD_LENGTH } from '../../../../src/shared/accounts';
import { ApiError, post } from '../../api/client';
import { refusalText } from '../../api/errorText';
import { ME_KEY } from '../../api/session';
import { describedBy, ErrorMessage, Field, Page } from '../../ui';

const MIN_LENGTH = MIN_PASSWORD_LENGTH;
const MIN_DISTINCT = MIN_PASSWORD_DISTINCT_CHARACTERS;

export function ChangePasswordPage() {
  const { t } = useTranslation('staff');
  const client = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => post('/auth/password/change', { current_password: current, new_password: next }),
    onSuccess: () => client.invalidateQueries({ queryKey: ME_KEY }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (next.length < MIN_LENGTH) return setLocalError(t('password.tooShort', { min: MIN_LENGTH }));
    if (next !== repeat) return setLocalError(t('password.mismatch'));
    setLocalError(null);
    change.mutate();
  };
  const serverError = refusalText(change.error);
  const error = localError ?? serverError;
  return (
    <main id="staff-main" className="staff-sign-in">
      <Page title={t('password.title')}>
        <p>{t('password.why')}</p>
        <form onSubmit={onSubmit} noValidate className="stack">
          <Field id="current-password" label={t('password.current')}>
            <input
              id="current-password"
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(event) => setCurrent(event.target.value)}
            />
          </Field>
          <Field
            id="new-password"
            label={t('password.new')}
            hint={t('password.hint', { min: MIN_LENGTH, distinct: MIN_DISTINCT })}
          >
            <input
              id="new-password"
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(event) => setNext(event.target.value)}
              {...describedBy('new-password', t('password.hint', { min: MIN_LENGTH, distinct: MIN_DISTINCT }))}
            />
          </Field>
          <Field id="repeat-password" label={t('password.repeat')} error={error}>
            <input
              id="repeat-password"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(event) => setRepeat(event.target.value)}
              {...describedBy('repeat-password', undefined, error)}
            />
          </Field>
          {change.isError && !serverError && <ErrorMessage error={change.error} />}
          <button type="submit" className="button primary" disabled={change.isPending}>
            {t('password.submit')}
          </button>
        </form>
      </Page>
    </main>
  );
}
