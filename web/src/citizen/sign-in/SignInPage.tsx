// Citizens sign in with their phone number and a one-time code sent by SMS.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../../../src/shared/accounts';
import { ApiError, post } from '../../api/client';
import { refusalText, textForCode } from '../../api/errorText';
import { signedInAs, useMe } from '../../api/session';
import { describedBy, ErrorMessage, Field, Page } from '../../ui';

/** Only paths inside the app: never an open redirect. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/reports';
}

export function SignInPage() {
  const { t } = useTranslation('auth');
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const sendCode = useMutation({
    mutationFn: () => post<{ phone: string; expires_in_seconds: number }>('/auth/code', { phone: phone.trim() }),
    onSuccess: (answer) => setSentTo(answer.phone),
  });
  const verify = useMutation({
    mutationFn: () =>
      post<{ user: Me }>('/auth/code/verify', { phone: phone.trim(), code: code.trim(), session_type: 'cookie' }),
    onSuccess: (answer) => {
      signedInAs(client, answer.user);
      navigate(next, { replace: true });
    },
  });

  if (me.data && !verify.isSuccess) return <Navigate to={next} replace />;

  // a number or code the schema refuses (too short, too long) is said as the field's own error
  const fieldError = (error: unknown, code: 'invalid_phone' | 'invalid_code') =>
    error instanceof ApiError && error.code === 'validation_failed'
      ? textForCode({ status: 400, code })
      : refusalText(error);

  const onSend = (event: FormEvent) => {
    event.preventDefault();
    sendCode.mutate();
  };
  const onVerify = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate();
  };

  const phoneError = fieldError(sendCode.error, 'invalid_phone');
  const codeError = fieldError(verify.error, 'invalid_code');
  return (
    <Page title={t('title')}>
      {sentTo === null ? (
        <form onSubmit={onSend} noValidate className="stack">
          <Field id="phone" label={t('phone')} hint={t('phoneHint')} error={phoneError}>
            <input
              id="phone"
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              required
              value={phone}
              onChange={(event) => setPhone(event.target.value)}
              {...describedBy('phone', t('phoneHint'), phoneError)}
            />
          </Field>
          {sendCode.isError && !phoneError && <ErrorMessage error={sendCode.error} />}
          <button type="submit" className="button primary" disabled={sendCode.isPending || phone.trim() === ''}>
            {sendCode.isPending ? t('sending') : t('sendCode')}
          </button>
        </form>
      ) : (
        <form onSubmit={onVerify} noValidate className="stack">
          <p role="status">{t('codeSent', { phone: sentTo })}</p>
          <Field id="code" label={t('code')} hint={t('codeHint')} error={codeError}>
            <input
              id="code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={code}
              onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
              {...describedBy('code', t('codeHint'), codeError)}
            />
          </Field>
          {verify.isError && !codeError && <ErrorMessage error={verify.error} />}
          <button type="submit" className="button primary" disabled={verify.isPending || code.length !== 6}>
            {verify.isPending ? t('verifying') : t('signIn')}
          </button>
          <button
            type="button"
            className="button link"
            onClick={() => {
              setSentTo(null);
              setCode('');
              verify.reset();
            }}
          >
            {t('changeNumber')}
          </button>
        </form>
      )}
    </Page>
  );
}
