// Changing a staff account: name, role, agency, and disabling it. A new role or agency, or a
// disabled account, signs the person out everywhere (the server revokes their sessions):
// disabling asks first.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { StaffUser } from '../../../../../src/shared/accounts';
import { isAgencyRole } from '../../../../../src/shared/roles';
import { describedBy, ErrorMessage, Field, Loading, Page } from '../../../ui';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { localName } from '../../../ui/format';
import { useStaff } from '../../shell/useStaff';
import { type NewStaffAccount, useAgencies, useStaffAccount, useUpdateStaffAccount } from '../api';
import { adminErrorText } from '../errorText';
import { changedFields, focusFirstInvalid } from '../forms';
import { STAFF_ACCOUNT_ROLES } from './NewUserForm';

export function UserEditor() {
  const { id = '' } = useParams();
  const account = useStaffAccount(id);
  const { t } = useTranslation('admin');
  if (account.isPending) return <Loading />;
  if (account.isError) {
    return (
      <Page title={t('users.notFound')}>
        <ErrorMessage error={account.error} />
        <Link to="..">{t('users.backToList')}</Link>
      </Page>
    );
  }
  return <EditForm key={account.data.id} user={account.data} />;
}

type Role = NewStaffAccount['role'];

function EditForm({ user }: { user: StaffUser }) {
  const { t } = useTranslation('admin');
  const me = useStaff();
  const navigate = useNavigate();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const agencies = useAgencies();
  const update = useUpdateStaffAccount();
  const [name, setName] = useState(user.display_name);
  const [role, setRole] = useState<Role>(user.role as Role);
  const [agency, setAgency] = useState(user.agency_code ?? '');
  const [disabled, setDisabled] = useState(user.disabled);
  const [errors, setErrors] = useState<{ name?: string; agency?: string }>({});
  const [confirming, setConfirming] = useState(false);
  const needsAgency = isAgencyRole(role);
  const isMe = user.id === me.id;

  const save = async () => {
    const changes = changedFields(
      {
        display_name: user.display_name,
        role: user.role as Role,
        agency_code: user.agency_code,
        disabled: user.disabled,
      },
      { display_name: name.trim(), role, agency_code: needsAgency ? agency : null, disabled },
    );
    if (Object.keys(changes).length === 0) {
      navigate('..', { state: { notice: t('form.nothingChanged') } });
      return;
    }
    try {
      await update.mutateAsync({ id: user.id, changes });
      navigate('..', { state: { notice: t('users.saved', { email: user.email }) } });
    } catch {
      setConfirming(false); // shown above the form
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = t('form.required');
    if (needsAgency && !agency) found.agency = t('users.errors.agency');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    if (disabled && !user.disabled) setConfirming(true);
    else void save();
  };

  return (
    <Page title={t('users.editTitle', { email: user.email })}>
      <Link to=".." className="back-link">
        {t('users.backToList')}
      </Link>
      {update.error && (
        <div className="error" role="alert">
          <p>{adminErrorText(update.error, t)}</p>
        </div>
      )}
      <form ref={form} className="stack adm-form" onSubmit={onSubmit} noValidate>
        <Field id={`${id}-name`} label={t('users.name')} error={errors.name}>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(event) => setName(event.target.value)}
            {...describedBy(`${id}-name`, undefined, errors.name)}
          />
        </Field>
        <Field id={`${id}-role`} label={t('users.role')} hint={t('users.signedOutHint')}>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            {...describedBy(`${id}-role`, t('users.signedOutHint'))}
          >
            {STAFF_ACCOUNT_ROLES.map((option) => (
              <option key={option} value={option}>
                {t(`staff:roles.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        {needsAgency && (
          <Field id={`${id}-agency`} label={t('users.agency')} error={errors.agency}>
            <select
              id={`${id}-agency`}
              value={agency}
              onChange={(event) => setAgency(event.target.value)}
              {...describedBy(`${id}-agency`, undefined, errors.agency)}
            >
              <option value="">{t('users.chooseAgency')}</option>
              {(agencies.data ?? [])
                .filter((option) => option.active || option.code === user.agency_code)
                .map((option) => (
                  <option key={option.code} value={option.code}>
                    {localName(option)}
                  </option>
                ))}
            </select>
          </Field>
        )}
        <div className="check">
          <input
            id={`${id}-disabled`}
            type="checkbox"
            checked={disabled}
            disabled={isMe}
            onChange={(event) => setDisabled(event.target.checked)}
            aria-describedby={`${id}-disabled-hint`}
          />
          <label htmlFor={`${id}-disabled`}>{t('users.disable')}</label>
        </div>
        <p className="hint" id={`${id}-disabled-hint`}>
          {isMe ? t('users.cannotDisableSelf') : t('users.disableHint')}
        </p>
        <div className="row">
          <button type="submit" className="button primary" disabled={update.isPending}>
            {update.isPending ? t('form.saving') : t('form.save')}
          </button>
          <Link to=".." className="button secondary">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
      {confirming && (
        <ConfirmDialog
          title={t('users.disableTitle', { email: user.email })}
          confirmLabel={t('users.disableConfirm')}
          busy={update.isPending}
          onConfirm={() => void save()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('users.disableBody')}</p>
        </ConfirmDialog>
      )}
    </Page>
  );
}
