// Adding a routing override: a category, an area (the override covers the areas below it
// too) and the agency that takes those reports.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingOverride } from '../../../../../src/shared/admin';
import { describedBy, Field } from '../../../ui';
import { localName } from '../../../ui/format';
import { useAgencies, useAreas, useCategories, useCreateOverride } from '../api';
import { adminErrorText } from '../errorText';
import { focusFirstInvalid } from '../forms';

type Errors = Partial<Record<'category' | 'area' | 'agency', string>>;

export function NewOverrideForm({ onCreated }: { onCreated: (created: RoutingOverride) => void }) {
  const { t } = useTranslation('admin');
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const categories = useCategories();
  const areas = useAreas();
  const agencies = useAgencies();
  const create = useCreateOverride();
  const [category, setCategory] = useState('');
  const [area, setArea] = useState('');
  const [agency, setAgency] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!category) found.category = t('routing.errors.category');
    if (!area) found.area = t('routing.errors.area');
    if (!agency) found.agency = t('routing.errors.agency');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    try {
      const created = await create.mutateAsync({
        category,
        area,
        agency,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setCategory('');
      setArea('');
      setAgency('');
      setNote('');
      onCreated(created);
    } catch {
      // shown in the form
    }
  };

  const field = (name: keyof Errors) => `${id}-${name}`;
  return (
    <section className="card adm-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('routing.newTitle')}</h2>
      <form ref={form} className="adm-grid-form" onSubmit={onSubmit} noValidate>
        <Field id={field('category')} label={t('routing.category')} error={errors.category}>
          <select
            id={field('category')}
            value={category}
            onChange={(event) => setCategory(event.target.value)}
            {...describedBy(field('category'), undefined, errors.category)}
          >
            <option value="">{t('routing.choose')}</option>
            {(categories.data ?? []).map((option) => (
              <option key={option.code} value={option.code}>
                {localName(option)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={field('area')} label={t('routing.area')} hint={t('routing.areaHint')} error={errors.area}>
          <select
            id={field('area')}
            value={area}
            onChange={(event) => setArea(event.target.value)}
            {...describedBy(field('area'), t('routing.areaHint'), errors.area)}
          >
            <option value="">{t('routing.choose')}</option>
            {(areas.data ?? []).map((option) => (
              <option key={option.code} value={option.code}>
                {`${'\u00a0\u00a0'.repeat(option.depth)}${localName(option)}`}
              </option>
            ))}
          </select>
        </Field>
        <Field id={field('agency')} label={t('routing.agency')} error={errors.agency}>
          <select
            id={field('agency')}
            value={agency}
            onChange={(event) => setAgency(event.target.value)}
            {...describedBy(field('agency'), undefined, errors.agency)}
          >
            <option value="">{t('routing.choose')}</option>
            {(agencies.data ?? [])
              .filter((option) => option.active)
              .map((option) => (
                <option key={option.code} value={option.code}>
                  {localName(option)}
                </option>
              ))}
          </select>
        </Field>
        <Field id={`${id}-note`} label={t('routing.note')} hint={t('routing.noteHint')}>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
            {...describedBy(`${id}-note`, t('routing.noteHint'))}
          />
        </Field>
        {create.error && (
          <div className="error adm-grid-wide" role="alert">
            <p>{adminErrorText(create.error, t)}</p>
          </div>
        )}
        <div className="adm-grid-wide">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? t('form.saving') : t('routing.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
