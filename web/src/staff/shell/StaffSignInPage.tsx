// Staff sign in with their work email and password.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../src/shared/accounts';
import { post } from '../../api/client';
import { refusalText } from '../../api/errorText';
import { signedInAs } from '../../api/session';
import { describedBy, ErrorMessage, Field, Page } from '../../ui';

export function StaffSignInPage({ signedInAsCitizen }: { signedInAsCitizen: boolean }) {
  const { t } = useTranslation('staff');
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => post<{ user: Me }>('/auth/password', { email: email.trim(), password, session_type: 'cookie' }),
    onSuccess: (answer) => signedInAs(client, answer.user),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  const error = refusalText(signIn.error);
  return (
    <main id="staff-main" className="staff-sign-in">
      <Page title={t('signIn.title')}>
        {signedInAsCitizen && <p className="error">{t('signIn.citizenSession')}</p>}
        <form onSubmit={onSubmit} noValidate className="stack">
          <Field id="email" label={t('signIn.email')}>
            <input
              id="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </Field>
          <Field id="password" label={t('signIn.password')} error={error}>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              {...describedBy('password', undefined, error)}
            />
          </Field>
          {signIn.isError && !error && <ErrorMessage error={signIn.error} />}
          <button type="submit" className="button primary" disabled={signIn.isPending || !email || !password}>
            {signIn.isPending ? t('signIn.checking') : t('signIn.submit')}
          </button>
        </form>
      </Page>
    </main>
  );
}
