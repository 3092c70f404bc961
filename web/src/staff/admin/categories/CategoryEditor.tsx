// Changing a category: names, examples, the kind of agency that takes it, SLA hours, default
// priority, auto-assign threshold, and whether citizens are offered it. A new SLA counts for
// cases assigned from now on; deactivating asks first.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type Category, PRIORITIES, type Priority } from '../../../../../src/shared/reference-data';
import { describedBy, ErrorMessage, Field, Loading, Page } from '../../../ui';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { localName } from '../../../ui/format';
import { useAgencies, useCategories, useSaveCategory, useThresholds } from '../api';
import { adminErrorText } from '../errorText';
import { changedFields, focusFirstInvalid } from '../forms';

const MAX_SLA_HOURS = 8760;

export function CategoryEditor() {
  const { code = '' } = useParams();
  const { t } = useTranslation('admin');
  const categories = useCategories();
  const thresholds = useThresholds();
  const agencies = useAgencies();
  if (categories.isPending || thresholds.isPending || agencies.isPending) return <Loading />;
  const failed = categories.error ?? thresholds.error ?? agencies.error;
  if (failed) return <ErrorMessage error={failed} onRetry={() => void categories.refetch()} />;
  const category = categories.data?.find((item) => item.code === code);
  if (!category) {
    return (
      <Page title={t('categories.notFound')}>
        <Link to="..">{t('categories.backToList')}</Link>
      </Page>
    );
  }
  const threshold = thresholds.data?.find((item) => item.category === code)?.threshold ?? null;
  // the kinds some active agency takes: a category of another kind would always fall to the IOC
  const kinds = [...new Set((agencies.data ?? []).filter((a) => a.active).flatMap((a) => a.handles))].sort();
  return <EditForm key={code} category={category} threshold={threshold} kinds={kinds} />;
}

type Errors = Partial<Record<'name_vi' | 'name_en' | 'sla' | 'threshold', string>>;

function EditForm({ category, threshold, kinds }: { category: Category; threshold: number | null; kinds: string[] }) {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const save = useSaveCategory(category.code);
  const [nameVi, setNameVi] = useState(category.name_vi);
  const [nameEn, setNameEn] = useState(category.name_en);
  const [examples, setExamples] = useState(category.examples_en);
  const [kind, setKind] = useState(category.agency_kind);
  const [sla, setSla] = useState(String(category.sla_hours));
  const [priority, setPriority] = useState<Priority>(category.default_priority);
  const [active, setActive] = useState(category.active);
  const [autoAssign, setAutoAssign] = useState(threshold === null ? '' : String(Math.round(threshold * 1000) / 10));
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const kindChoices = kinds.includes(category.agency_kind) ? kinds : [category.agency_kind, ...kinds];

  const submit = async () => {
    const changes = changedFields(
      {
        name_vi: category.name_vi,
        name_en: category.name_en,
        examples_en: category.examples_en,
        agency_kind: category.agency_kind,
        sla_hours: category.sla_hours,
        default_priority: category.default_priority,
        active: category.active,
      },
      {
        name_vi: nameVi.trim(),
        name_en: nameEn.trim(),
        examples_en: examples.trim(),
        agency_kind: kind,
        sla_hours: Number(sla),
        default_priority: priority,
        active,
      },
    );
    const newThreshold = autoAssign.trim() === '' ? null : Number(autoAssign) / 100;
    const thresholdChanged = newThreshold !== threshold;
    if (Object.keys(changes).length === 0 && !thresholdChanged) {
      navigate('..', { state: { notice: t('form.nothingChanged') } });
      return;
    }
    try {
      await save.mutateAsync({
        changes: Object.keys(changes).length > 0 ? changes : null,
        ...(thresholdChanged ? { threshold: newThreshold } : {}),
      });
      navigate('..', { state: { notice: t('categories.saved', { name: localName(category) }) } });
    } catch {
      setConfirming(false); // shown above the form
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!nameVi.trim()) found.name_vi = t('form.required');
    if (!nameEn.trim()) found.name_en = t('form.required');
    const hours = Number(sla);
    if (!/^\d+$/.test(sla.trim()) || hours < 1 || hours > MAX_SLA_HOURS) {
      found.sla = t('categories.errors.sla', { max: MAX_SLA_HOURS });
    }
    const value = Number(autoAssign);
    if (autoAssign.trim() !== '' && (!Number.isFinite(value) || value < 0 || value > 100)) {
      found.threshold = t('categories.errors.threshold');
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    if (category.active && !active) setConfirming(true);
    else void submit();
  };

  const slaHint = t('categories.slaHint');
  const thresholdHint = t('categories.thresholdHint');
  return (
    <Page title={t('categories.editTitle', { name: localName(category) })}>
      <Link to=".." className="back-link">
        {t('categories.backToList')}
      </Link>
      {save.error && (
        <div className="error" role="alert">
          <p>{adminErrorText(save.error, t)}</p>
        </div>
      )}
      <form ref={form} className="stack adm-form" onSubmit={onSubmit} noValidate>
        <Field id={`${id}-vi`} label={t('categories.nameVi')} error={errors.name_vi}>
          <input
            id={`${id}-vi`}
            lang="vi"
            value={nameVi}
            onChange={(event) => setNameVi(event.target.value)}
            {...describedBy(`${id}-vi`, undefined, errors.name_vi)}
          />
        </Field>
        <Field id={`${id}-en`} label={t('categories.nameEn')} error={errors.name_en}>
          <input
            id={`${id}-en`}
            lang="en"
            value={nameEn}
            onChange={(event) => setNameEn(event.target.value)}
            {...describedBy(`${id}-en`, undefined, errors.name_en)}
          />
        </Field>
        <Field id={`${id}-examples`} label={t('categories.examples')} hint={t('categories.examplesHint')}>
          <textarea
            id={`${id}-examples`}
            lang="en"
            value={examples}
            maxLength={1000}
            onChange={(event) => setExamples(event.target.value)}
            {...describedBy(`${id}-examples`, t('categories.examplesHint'))}
          />
        </Field>
        <Field id={`${id}-kind`} label={t('categories.kind')} hint={t('categories.kindHint')}>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(event) => setKind(event.target.value)}
            {...describedBy(`${id}-kind`, t('categories.kindHint'))}
          >
            {kindChoices.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-sla`} label={t('categories.slaHours')} hint={slaHint} error={errors.sla}>
          <input
            id={`${id}-sla`}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_SLA_HOURS}
            step={1}
            value={sla}
            onChange={(event) => setSla(event.target.value)}
            {...describedBy(`${id}-sla`, slaHint, errors.sla)}
          />
        </Field>
        <Field id={`${id}-priority`} label={t('categories.priority')}>
          <select
            id={`${id}-priority`}
            value={priority}
            onChange={(event) => setPriority(event.target.value as Priority)}
          >
            {PRIORITIES.map((option) => (
              <option key={option} value={option}>
                {t(`priorities.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={`${id}-threshold`}
          label={t('categories.thresholdLabel')}
          hint={thresholdHint}
          error={errors.threshold}
        >
          <input
            id={`${id}-threshold`}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step={0.1}
            value={autoAssign}
            onChange={(event) => setAutoAssign(event.target.value)}
            {...describedBy(`${id}-threshold`, thresholdHint, errors.threshold)}
          />
        </Field>
        <div className="check">
          <input
            id={`${id}-active`}
            type="checkbox"
            checked={active}
            onChange={(event) => setActive(event.target.checked)}
            aria-describedby={`${id}-active-hint`}
          />
          <label htmlFor={`${id}-active`}>{t('categories.active')}</label>
        </div>
        <p className="hint" id={`${id}-active-hint`}>
          {t('categories.activeHint')}
        </p>
        <div className="row">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {save.isPending ? t('form.saving') : t('form.save')}
          </button>
          <Link to=".." className="button secondary">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
      {confirming && (
        <ConfirmDialog
          title={t('categories.deactivateTitle', { name: localName(category) })}
          confirmLabel={t('categories.deactivate')}
          busy={save.isPending}
          onConfirm={() => void submit()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('categories.deactivateBody')}</p>
        </ConfirmDialog>
      )}
    </Page>
  );
}
