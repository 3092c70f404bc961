// Creating or changing an agency: names, the agency it reports to, the kinds of report it
// takes and the areas it covers (what routing reads), and whether it is active. Deactivating
// asks first: routing stops sending the agency new cases.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { CODE_PATTERN } from '../../../../../src/shared/admin';
import type { Agency, AreaSummary, Category } from '../../../../../src/shared/reference-data';
import { describedBy, ErrorMessage, Field, Loading, Page } from '../../../ui';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { localName } from '../../../ui/format';
import { useAgencies, useAreas, useCategories, useCreateAgency, useUpdateAgency } from '../api';
import { adminErrorText } from '../errorText';
import { changedFields, focusFirstInvalid, groupDescription } from '../forms';
import { AreaChecklist } from './AreaChecklist';

const CODE = new RegExp(CODE_PATTERN);

interface Draft {
  code: string;
  name_vi: string;
  name_en: string;
  parent_code: string;
  handles: string[];
  newKinds: string;
  area_codes: string[];
  active: boolean;
}

type Errors = Partial<Record<'code' | 'name_vi' | 'name_en' | 'handles' | 'newKinds' | 'area_codes', string>>;

const draftOf = (agency: Agency | undefined): Draft => ({
  code: agency?.code ?? '',
  name_vi: agency?.name_vi ?? '',
  name_en: agency?.name_en ?? '',
  parent_code: agency?.parent_code ?? '',
  handles: agency?.handles ?? [],
  newKinds: '',
  area_codes: agency?.area_codes ?? [],
  active: agency?.active ?? true,
});

const splitKinds = (text: string) =>
  text
    .split(',')
    .map((kind) => kind.trim())
    .filter(Boolean);

export function AgencyForm() {
  const { code } = useParams();
  const agencies = useAgencies();
  const areas = useAreas();
  const categories = useCategories();
  const { t } = useTranslation('admin');
  if (agencies.isPending || areas.isPending || categories.isPending) return <Loading />;
  const failed = agencies.error ?? areas.error ?? categories.error;
  if (failed) return <ErrorMessage error={failed} onRetry={() => void agencies.refetch()} />;
  const agency = code ? agencies.data?.find((item) => item.code === code) : undefined;
  if (code && !agency) {
    return (
      <Page title={t('agencies.notFound')}>
        <Link to="..">{t('agencies.backToList')}</Link>
      </Page>
    );
  }
  return (
    <AgencyEditor
      key={code ?? 'new'}
      agency={agency}
      agencies={agencies.data ?? []}
      areas={areas.data ?? []}
      categories={categories.data ?? []}
    />
  );
}

function AgencyEditor({
  agency,
  agencies,
  areas,
  categories,
}: {
  agency: Agency | undefined;
  agencies: Agency[];
  areas: AreaSummary[];
  categories: Category[];
}) {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(agency));
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const create = useCreateAgency();
  const update = useUpdateAgency(agency?.code ?? '');
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error;

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const toggle = (field: 'handles' | 'area_codes', value: string, on: boolean) =>
    setDraft((d) => ({ ...d, [field]: on ? [...d[field], value] : d[field].filter((v) => v !== value) }));

  // the kinds the city uses: those of its categories (named after them) and those agencies take
  const categoriesByKind = new Map<string, Category[]>();
  for (const category of categories) {
    categoriesByKind.set(category.agency_kind, [...(categoriesByKind.get(category.agency_kind) ?? []), category]);
  }
  const kinds = [
    ...new Set([...categoriesByKind.keys(), ...agencies.flatMap((a) => a.handles), ...draft.handles]),
  ].sort();
  const parents = agencies.filter((other) => other.code !== agency?.code);

  const validate = (): Errors => {
    const found: Errors = {};
    if (!agency && !draft.code.trim()) found.code = t('form.required');
    else if (!agency && !CODE.test(draft.code.trim())) found.code = t('agencies.errors.code');
    else if (!agency && agencies.some((a) => a.code === draft.code.trim())) found.code = t('errors.agency_exists');
    if (!draft.name_vi.trim()) found.name_vi = t('form.required');
    if (!draft.name_en.trim()) found.name_en = t('form.required');
    const extra = splitKinds(draft.newKinds);
    if (extra.some((kind) => !CODE.test(kind))) found.newKinds = t('agencies.errors.kind');
    if (draft.handles.length + extra.length === 0) found.handles = t('agencies.errors.handles');
    if (draft.area_codes.length === 0) found.area_codes = t('agencies.errors.areas');
    return found;
  };

  const save = async () => {
    const handles = [...new Set([...draft.handles, ...splitKinds(draft.newKinds)])];
    try {
      if (!agency) {
        const created = await create.mutateAsync({
          code: draft.code.trim(),
          name_vi: draft.name_vi.trim(),
          name_en: draft.name_en.trim(),
          parent_code: draft.parent_code || null,
          handles,
          area_codes: draft.area_codes,
        });
        navigate('..', { state: { notice: t('agencies.created', { name: localName(created) }) } });
        return;
      }
      const before = draftOf(agency);
      const changes = changedFields(
        {
          name_vi: before.name_vi,
          name_en: before.name_en,
          parent_code: before.parent_code || null,
          handles: before.handles,
          area_codes: before.area_codes,
          active: before.active,
        },
        {
          name_vi: draft.name_vi.trim(),
          name_en: draft.name_en.trim(),
          parent_code: draft.parent_code || null,
          handles,
          area_codes: draft.area_codes,
          active: draft.active,
        },
      );
      if (Object.keys(changes).length === 0) {
        navigate('..', { state: { notice: t('form.nothingChanged') } });
        return;
      }
      const saved = await update.mutateAsync(changes);
      navigate('..', { state: { notice: t('agencies.saved', { name: localName(saved) }) } });
    } catch {
      setConfirming(false); // the error is shown above the form
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // focus the first field in error, in the order of the form
      focusFirstInvalid(form.current);
      return;
    }
    if (agency?.active && !draft.active) setConfirming(true);
    else void save();
  };

  const field = (name: keyof Errors) => `${id}-${name}`;
  const title = agency ? t('agencies.editTitle', { name: localName(agency) }) : t('agencies.newTitle');
  return (
    <Page title={title}>
      <Link to=".." className="back-link">
        {t('agencies.backToList')}
      </Link>
      {failure && (
        <div className="error" role="alert">
          <p>{adminErrorText(failure, t)}</p>
        </div>
      )}
      <form ref={form} className="stack adm-form" onSubmit={onSubmit} noValidate>
        {!agency && (
          <Field id={field('code')} label={t('agencies.code')} hint={t('agencies.codeHint')} error={errors.code}>
            <input
              id={field('code')}
              value={draft.code}
              onChange={(event) => set('code', event.target.value)}
              autoComplete="off"
              spellCheck={false}
              {...describedBy(field('code'), t('agencies.codeHint'), errors.code)}
            />
          </Field>
        )}
        <Field id={field('name_vi')} label={t('agencies.nameVi')} error={errors.name_vi}>
          <input
            id={field('name_vi')}
            lang="vi"
            value={draft.name_vi}
            onChange={(event) => set('name_vi', event.target.value)}
            {...describedBy(field('name_vi'), undefined, errors.name_vi)}
          />
        </Field>
        <Field id={field('name_en')} label={t('agencies.nameEn')} error={errors.name_en}>
          <input
            id={field('name_en')}
            lang="en"
            value={draft.name_en}
            onChange={(event) => set('name_en', event.target.value)}
            {...describedBy(field('name_en'), undefined, errors.name_en)}
          />
        </Field>
        <Field id={`${id}-parent`} label={t('agencies.parent')}>
          <select
            id={`${id}-parent`}
            value={draft.parent_code}
            onChange={(event) => set('parent_code', event.target.value)}
          >
            <option value="">{t('agencies.noParent')}</option>
            {parents.map((other) => (
              <option key={other.code} value={other.code}>
                {localName(other)} ({other.code})
              </option>
            ))}
          </select>
        </Field>

        <fieldset
          className={`adm-fieldset${errors.handles ? ' has-error' : ''}`}
          aria-describedby={groupDescription(field('handles'), errors.handles)}
        >
          <legend>{t('agencies.handles')}</legend>
          <p className="hint" id={`${field('handles')}-hint`}>
            {t('agencies.handlesHint')}
          </p>
          <div className="adm-checks">
            {kinds.map((kind) => (
              <div className="check" key={kind}>
                <input
                  id={`${id}-kind-${kind}`}
                  type="checkbox"
                  checked={draft.handles.includes(kind)}
                  onChange={(event) => toggle('handles', kind, event.target.checked)}
                />
                <label htmlFor={`${id}-kind-${kind}`}>
                  <code>{kind}</code>
                  {categoriesByKind.has(kind) && (
                    <span className="adm-check-note">
                      {' '}
                      · {(categoriesByKind.get(kind) ?? []).map((category) => localName(category)).join(', ')}
                    </span>
                  )}
                </label>
              </div>
            ))}
          </div>
          {errors.handles && (
            <p className="field-error" id={`${field('handles')}-error`} role="alert">
              {errors.handles}
            </p>
          )}
          <Field
            id={field('newKinds')}
            label={t('agencies.newKinds')}
            hint={t('agencies.newKindsHint')}
            error={errors.newKinds}
          >
            <input
              id={field('newKinds')}
              value={draft.newKinds}
              onChange={(event) => set('newKinds', event.target.value)}
              spellCheck={false}
              {...describedBy(field('newKinds'), t('agencies.newKindsHint'), errors.newKinds)}
            />
          </Field>
        </fieldset>

        <AreaChecklist
          id={field('area_codes')}
          areas={areas}
          chosen={draft.area_codes}
          error={errors.area_codes}
          onToggle={(code, on) => toggle('area_codes', code, on)}
        />

        {agency && (
          <div className="check">
            <input
              id={`${id}-active`}
              type="checkbox"
              checked={draft.active}
              onChange={(event) => set('active', event.target.checked)}
              aria-describedby={`${id}-active-hint`}
            />
            <label htmlFor={`${id}-active`}>{t('agencies.active')}</label>
          </div>
        )}
        {agency && (
          <p className="hint" id={`${id}-active-hint`}>
            {t('agencies.activeHint')}
          </p>
        )}
        <div className="row">
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? t('form.saving') : agency ? t('form.save') : t('agencies.create')}
          </button>
          <Link to=".." className="button secondary">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
      {confirming && agency && (
        <ConfirmDialog
          title={t('agencies.deactivateTitle', { name: localName(agency) })}
          confirmLabel={t('agencies.deactivate')}
          busy={saving}
          onConfirm={() => void save()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('agencies.deactivateBody')}</p>
        </ConfirmDialog>
      )}
    </Page>
  );
}
