// Changing a case's category or priority (a new case becomes "triaged" by it). A case without a
// category starts from the suggested one; saving nothing new is said, not sent.
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '../../../../../src/shared/reference-data';
import { useCategories } from '../../../api/reference';
import { describedBy, Field } from '../../../ui';
import { localName } from '../../../ui/format';
import type { ActionFormProps } from './types';
import { FormFailure, useActionRunner } from './useActionRunner';

export function CategorizeForm({ staffCase, submit }: ActionFormProps) {
  const { t } = useTranslation('case');
  const id = useId();
  const categoryId = `${id}-category`;
  const priorityId = `${id}-priority`;
  const categories = useCategories();
  const [category, setCategory] = useState(staffCase.category ?? staffCase.suggestion?.category ?? '');
  const [priority, setPriority] = useState<Priority>(staffCase.priority);
  const [unchanged, setUnchanged] = useState<string | null>(null);
  const { busy, failure, run } = useActionRunner(submit);
  const hint = staffCase.state === 'submitted' ? t('forms.categorize.hintNew') : t('forms.categorize.hint');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const change: Record<string, string> = {};
    if (category && category !== staffCase.category) change.category = category;
    if (priority !== staffCase.priority) change.priority = priority;
    // a new case is triaged even when the operator keeps what intake chose
    if (staffCase.state === 'submitted' && Object.keys(change).length === 0) change.priority = priority;
    if (Object.keys(change).length === 0) {
      setUnchanged(t('forms.categorize.unchanged'));
      return;
    }
    setUnchanged(null);
    await run('categorize', change);
  };

  return (
    <form className="stack sc-action-form" onSubmit={onSubmit} noValidate aria-label={t('actions.categorize')}>
      <p className="hint">{hint}</p>
      <Field id={categoryId} label={t('forms.categorize.category')}>
        <select
          id={categoryId}
          value={category}
          disabled={busy || categories.isPending}
          onChange={(event) => setCategory(event.target.value)}
        >
          {!staffCase.category && <option value="">{t('forms.categorize.noCategory')}</option>}
          {(categories.data ?? [])
            .filter((item) => item.active || item.code === staffCase.category)
            .map((item) => (
              <option key={item.code} value={item.code}>
                {localName(item)}
                {item.code === staffCase.suggestion?.category ? ` — ${t('forms.assign.suggested')}` : ''}
              </option>
            ))}
        </select>
      </Field>
      <Field id={priorityId} label={t('forms.categorize.priority')} error={unchanged}>
        <select
          id={priorityId}
          value={priority}
          disabled={busy}
          onChange={(event) => setPriority(event.target.value as Priority)}
          {...describedBy(priorityId, undefined, unchanged)}
        >
          {PRIORITIES.map((level) => (
            <option key={level} value={level}>
              {t(`priority.${level}`)}
            </option>
          ))}
        </select>
      </Field>
      <FormFailure text={failure} />
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('forms.sending') : t('forms.categorize.submit')}
        </button>
      </div>
    </form>
  );
}
