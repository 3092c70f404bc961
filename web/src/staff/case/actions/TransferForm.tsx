// A case that is not this agency's: back to the operations center (internal), or straight to
// another agency (the citizen sees it). A reason is always required.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency } from '../../../../../src/shared/reference-data';
import { useAgencies } from '../../../api/reference';
import { describedBy, Field } from '../../../ui';
import { localName } from '../../../ui/format';
import { type ActionFormProps, MAX_MESSAGE } from './types';
import { FormFailure, useActionRunner } from './useActionRunner';

type Destination = 'ioc' | 'agency';

const byName = (a: Agency, b: Agency) => localName(a).localeCompare(localName(b));

export function TransferForm({ staffCase, submit }: ActionFormProps) {
  const { t } = useTranslation('case');
  const id = useId();
  const agencyId = `${id}-agency`;
  const reasonId = `${id}-reason`;
  const agencies = useAgencies();
  const [destination, setDestination] = useState<Destination>('ioc');
  const [agency, setAgency] = useState('');
  const [reason, setReason] = useState('');
  const [agencyError, setAgencyError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonBox = useRef<HTMLTextAreaElement>(null);
  const { busy, failure, run } = useActionRunner(submit);
  const choices = (agencies.data ?? [])
    .filter((item) => item.active && item.code !== staffCase.agency?.code)
    .sort(byName);
  const reasonHint = destination === 'ioc' ? t('forms.transfer.hintIoc') : t('forms.transfer.hintAgency');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    const missingAgency = destination === 'agency' && !agency;
    setAgencyError(missingAgency ? t('forms.transfer.agencyRequired') : null);
    setReasonError(text === '' ? t('forms.transfer.required') : null);
    if (missingAgency) return document.getElementById(agencyId)?.focus();
    if (text === '') return reasonBox.current?.focus();
    if (await run('transfer', { reason: text, ...(destination === 'agency' ? { agency } : {}) })) setReason('');
  };

  return (
    <form className="stack sc-action-form" onSubmit={onSubmit} noValidate aria-label={t('actions.transfer')}>
      <fieldset className="sc-choices">
        <legend>{t('forms.transfer.destination')}</legend>
        {(['ioc', 'agency'] as const).map((value) => (
          <div className="sc-check" key={value}>
            <input
              id={`${id}-${value}`}
              type="radio"
              name={`${id}-destination`}
              value={value}
              checked={destination === value}
              disabled={busy}
              onChange={() => setDestination(value)}
            />
            <label htmlFor={`${id}-${value}`}>{t(`forms.transfer.to_${value}`)}</label>
          </div>
        ))}
      </fieldset>
      {destination === 'agency' && (
        <Field id={agencyId} label={t('forms.transfer.agency')} error={agencyError}>
          <select
            id={agencyId}
            value={agency}
            required
            disabled={busy || agencies.isPending}
            onChange={(event) => setAgency(event.target.value)}
            {...describedBy(agencyId, undefined, agencyError)}
          >
            <option value="">{agencies.isPending ? t('forms.loadingChoices') : t('forms.assign.choose')}</option>
            {choices.map((item) => (
              <option key={item.code} value={item.code}>
                {localName(item)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id={reasonId} label={t('forms.transfer.label')} hint={reasonHint} error={reasonError}>
        <textarea
          id={reasonId}
          ref={reasonBox}
          value={reason}
          maxLength={MAX_MESSAGE}
          required
          disabled={busy}
          onChange={(event) => setReason(event.target.value)}
          {...describedBy(reasonId, reasonHint, reasonError)}
        />
      </Field>
      <FormFailure text={failure} />
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('forms.sending') : t('forms.transfer.submit')}
        </button>
      </div>
    </form>
  );
}
