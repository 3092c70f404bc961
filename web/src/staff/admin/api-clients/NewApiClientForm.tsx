// Creating an API client: a name, what it may do (scopes) and, for an agency's own system,
// the agency it speaks for.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, Field } from '../../../ui';
import { localName } from '../../../ui/format';
import { API_SCOPES, type ApiClient, type ApiScope, useAgencies, useCreateApiClient } from '../api';
import { adminErrorText } from '../errorText';
import { focusFirstInvalid, groupDescription } from '../forms';

export function NewApiClientForm({ onCreated }: { onCreated: (created: { client: ApiClient; key: string }) => void }) {
  const { t } = useTranslation('admin');
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const agencies = useAgencies();
  const create = useCreateApiClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>(['report', 'read']);
  const [agency, setAgency] = useState('');
  const [errors, setErrors] = useState<{ name?: string; scopes?: string }>({});

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = t('form.required');
    if (scopes.length === 0) found.scopes = t('apiClients.errors.scopes');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    try {
      const answer = await create.mutateAsync({ name: name.trim(), scopes, agency: agency || null });
      setName('');
      setAgency('');
      onCreated({ client: answer.client, key: answer.api_key });
    } catch {
      // shown in the form
    }
  };

  const scopesId = `${id}-scopes`;
  return (
    <section className="card adm-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('apiClients.newTitle')}</h2>
      <form ref={form} className="stack" onSubmit={onSubmit} noValidate>
        <Field id={`${id}-name`} label={t('apiClients.name')} hint={t('apiClients.nameHint')} error={errors.name}>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
            {...describedBy(`${id}-name`, t('apiClients.nameHint'), errors.name)}
          />
        </Field>
        <fieldset
          className={`adm-fieldset${errors.scopes ? ' has-error' : ''}`}
          aria-describedby={groupDescription(scopesId, errors.scopes)}
        >
          <legend>{t('apiClients.scopes')}</legend>
          <p className="hint" id={`${scopesId}-hint`}>
            {t('apiClients.scopesHint')}
          </p>
          {API_SCOPES.map((scope) => (
            <div className="check" key={scope}>
              <input
                id={`${scopesId}-${scope}`}
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) =>
                  setScopes((current) =>
                    event.target.checked ? [...current, scope] : current.filter((s) => s !== scope),
                  )
                }
              />
              <label htmlFor={`${scopesId}-${scope}`}>
                {t(`apiClients.scopeNames.${scope}`)}{' '}
                <span className="adm-check-note">· {t(`apiClients.scopeHints.${scope}`)}</span>
              </label>
            </div>
          ))}
          {errors.scopes && (
            <p className="field-error" id={`${scopesId}-error`} role="alert">
              {errors.scopes}
            </p>
          )}
        </fieldset>
        <Field id={`${id}-agency`} label={t('apiClients.agency')} hint={t('apiClients.agencyHint')}>
          <select
            id={`${id}-agency`}
            value={agency}
            onChange={(event) => setAgency(event.target.value)}
            {...describedBy(`${id}-agency`, t('apiClients.agencyHint'))}
          >
            <option value="">{t('apiClients.noAgency')}</option>
            {(agencies.data ?? [])
              .filter((option) => option.active)
              .map((option) => (
                <option key={option.code} value={option.code}>
                  {localName(option)}
                </option>
              ))}
          </select>
        </Field>
        {create.error && (
          <div className="error" role="alert">
            <p>{adminErrorText(create.error, t)}</p>
          </div>
        )}
        <div>
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? t('form.saving') : t('apiClients.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
