// Creating a staff account: e-mail, name, role and, for agency roles, the agency. The server
// answers a temporary password, shown here once: the person must change it at first sign-in.
// An agency admin creates agency staff of their own agency: no role or agency to choose.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { StaffUser } from '../../../../../src/shared/accounts';
import { isAgencyRole } from '../../../../../src/shared/roles';
import { describedBy, Field, Page } from '../../../ui';
import { localName } from '../../../ui/format';
import { type NewStaffAccount, useAgencies, useCreateAgencyStaff, useCreateStaffAccount } from '../api';
import { adminErrorText } from '../errorText';
import { focusFirstInvalid } from '../forms';
import { SecretOnce } from '../SecretOnce';

export const STAFF_ACCOUNT_ROLES: readonly NewStaffAccount['role'][] = [
  'operator',
  'agency_staff',
  'agency_admin',
  'admin',
];
/** Enough to catch a slip of the keyboard; the server checks the format for real. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Errors = Partial<Record<'email' | 'name' | 'agency', string>>;

export function NewUserForm({ ownAgency }: { ownAgency?: { code: string; name: string } }) {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const agencies = useAgencies();
  const createAny = useCreateStaffAccount();
  const createOwn = useCreateAgencyStaff(ownAgency?.code ?? '');
  const create = ownAgency ? createOwn : createAny;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<NewStaffAccount['role']>('agency_staff');
  const [agency, setAgency] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [created, setCreated] = useState<{ user: StaffUser; password: string } | null>(null);
  const needsAgency = !ownAgency && isAgencyRole(role);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!EMAIL.test(email.trim())) found.email = t('users.errors.email');
    if (!name.trim()) found.name = t('form.required');
    if (needsAgency && !agency) found.agency = t('users.errors.agency');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    try {
      const answer = await create.mutateAsync({
        email: email.trim(),
        display_name: name.trim(),
        role,
        ...(needsAgency ? { agency_code: agency } : {}),
      });
      setCreated({ user: answer.user, password: answer.temporary_password });
    } catch {
      // shown above the form
    }
  };

  if (created) {
    return (
      <Page title={t('users.createdTitle')}>
        <SecretOnce
          title={t('users.createdFor', { email: created.user.email })}
          label={t('users.temporaryPassword')}
          secret={created.password}
          warning={t('users.temporaryPasswordOnce')}
          onDone={() => navigate('..', { state: { notice: t('users.created', { email: created.user.email }) } })}
        />
      </Page>
    );
  }

  const field = (name: keyof Errors) => `${id}-${name}`;
  return (
    <Page title={ownAgency ? t('users.newOwnTitle', { agency: ownAgency.name }) : t('users.newTitle')}>
      <Link to=".." className="back-link">
        {t('users.backToList')}
      </Link>
      {create.error && (
        <div className="error" role="alert">
          <p>{adminErrorText(create.error, t)}</p>
        </div>
      )}
      <form ref={form} className="stack adm-form" onSubmit={onSubmit} noValidate>
        <Field id={field('email')} label={t('users.email')} hint={t('users.emailHint')} error={errors.email}>
          <input
            id={field('email')}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            {...describedBy(field('email'), t('users.emailHint'), errors.email)}
          />
        </Field>
        <Field id={field('name')} label={t('users.name')} error={errors.name}>
          <input
            id={field('name')}
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
            {...describedBy(field('name'), undefined, errors.name)}
          />
        </Field>
        {ownAgency && <p className="hint">{t('users.newOwnNote')}</p>}
        {!ownAgency && (
          <Field id={`${id}-role`} label={t('users.role')} hint={t(`users.roleHints.${role}`)}>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(event) => setRole(event.target.value as NewStaffAccount['role'])}
              {...describedBy(`${id}-role`, t(`users.roleHints.${role}`))}
            >
              {STAFF_ACCOUNT_ROLES.map((option) => (
                <option key={option} value={option}>
                  {t(`staff:roles.${option}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {needsAgency && (
          <Field id={field('agency')} label={t('users.agency')} error={errors.agency}>
            <select
              id={field('agency')}
              value={agency}
              onChange={(event) => setAgency(event.target.value)}
              {...describedBy(field('agency'), undefined, errors.agency)}
            >
              <option value="">{t('users.chooseAgency')}</option>
              {(agencies.data ?? [])
                .filter((option) => option.active)
                .map((option) => (
                  <option key={option.code} value={option.code}>
                    {localName(option)}
                  </option>
                ))}
            </select>
          </Field>
        )}
        <div className="row">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? t('form.saving') : t('users.create')}
          </button>
          <Link to=".." className="button secondary">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
