// Assigning a case to an agency, the suggested one chosen already. Agencies that handle the
// case's kind of problem come first. A case without a category can take the suggested one in
// the same step, so that its deadline follows the category's SLA instead of the default.
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency } from '../../../../../src/shared/reference-data';
import { useAgencies, useCategories } from '../../../api/reference';
import { describedBy, Field } from '../../../ui';
import { localName } from '../../../ui/format';
import { useReferenceNames } from '../useReferenceNames';
import type { ActionFormProps } from './types';
import { FormFailure, useActionRunner } from './useActionRunner';

const byName = (a: Agency, b: Agency) => localName(a).localeCompare(localName(b));

export function AssignForm({ staffCase, submit }: ActionFormProps) {
  const { t } = useTranslation('case');
  const id = useId();
  const agencyId = `${id}-agency`;
  const categoryBoxId = `${id}-with-category`;
  const agencies = useAgencies();
  const categories = useCategories();
  const names = useReferenceNames();
  const suggestion = staffCase.suggestion ?? null;
  const [agency, setAgency] = useState(suggestion?.agency ?? '');
  const [agencyError, setAgencyError] = useState<string | null>(null);
  const suggestedCategory = staffCase.category === null ? (suggestion?.category ?? null) : null;
  const [withCategory, setWithCategory] = useState(suggestedCategory !== null);
  const { busy, failure, run } = useActionRunner(submit);

  const categoryCode = staffCase.category ?? suggestedCategory;
  const kind = categories.data?.find((category) => category.code === categoryCode)?.agency_kind;
  const active = (agencies.data ?? []).filter((item) => item.active);
  const handling = active.filter((item) => kind && item.handles.includes(kind)).sort(byName);
  const others = active.filter((item) => !handling.includes(item)).sort(byName);
  const hint = suggestion?.agency
    ? t('forms.assign.hintSuggested', { agency: names.agency(suggestion.agency) })
    : t('forms.assign.hint');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!agency) {
      setAgencyError(t('forms.assign.required'));
      document.getElementById(agencyId)?.focus();
      return;
    }
    setAgencyError(null);
    if (withCategory && suggestedCategory && !(await run('categorize', { category: suggestedCategory }))) return;
    await run('assign', { agency });
  };

  const option = (item: Agency) => (
    <option key={item.code} value={item.code}>
      {localName(item)}
      {item.code === suggestion?.agency ? ` — ${t('forms.assign.suggested')}` : ''}
    </option>
  );

  return (
    <form className="stack sc-action-form" onSubmit={onSubmit} noValidate aria-label={t('actions.assign')}>
      <Field id={agencyId} label={t('forms.assign.label')} hint={hint} error={agencyError}>
        <select
          id={agencyId}
          value={agency}
          required
          disabled={busy || agencies.isPending}
          onChange={(event) => setAgency(event.target.value)}
          {...describedBy(agencyId, hint, agencyError)}
        >
          <option value="">{agencies.isPending ? t('forms.loadingChoices') : t('forms.assign.choose')}</option>
          {handling.length > 0 && <optgroup label={t('forms.assign.handling')}>{handling.map(option)}</optgroup>}
          <optgroup label={t('forms.assign.others')}>{others.map(option)}</optgroup>
        </select>
      </Field>
      {agencies.isError && <FormFailure text={t('forms.choicesFailed')} />}
      {suggestedCategory && (
        <div className="sc-check">
          <input
            id={categoryBoxId}
            type="checkbox"
            checked={withCategory}
            disabled={busy}
            onChange={(event) => setWithCategory(event.target.checked)}
          />
          <label htmlFor={categoryBoxId}>
            {t('forms.assign.withCategory', { category: names.category(suggestedCategory) })}
          </label>
        </div>
      )}
      <FormFailure text={failure} />
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('forms.sending') : t('forms.assign.submit')}
        </button>
      </div>
    </form>
  );
}
