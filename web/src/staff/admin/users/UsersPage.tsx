// Staff accounts. The system admin lists every account (by agency and role, page by page),
// creates accounts (the temporary password is shown once) and changes or disables them. An
// agency admin sees their own agency's staff, read only: the server lets them no more.

import type { UseQueryResult } from '@tanstack/react-query';
import { CircleCheck, CircleMinus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import type { StaffUser } from '../../../../../src/shared/accounts';
import { STAFF_ROLES } from '../../../../../src/shared/roles';
import { EmptyState, ErrorMessage, Loading, Page } from '../../../ui';
import { formatDateTime, localName } from '../../../ui/format';
import { Icon } from '../../../ui/icons';
import { useStaff } from '../../shell/useStaff';
import { type StaffFilter, type StaffPage, useAgencies, useAgencyStaff, useStaffAccounts } from '../api';
import { Notice } from '../Notice';
import { type CursorPages, Pager, useCursorPages } from '../Pager';
import { NewUserForm } from './NewUserForm';
import { UserEditor } from './UserEditor';

function AccountState({ user }: { user: StaffUser }) {
  const { t } = useTranslation('admin');
  if (user.disabled)
    return (
      <span className="adm-status is-inactive">
        <Icon of={CircleMinus} /> {t('users.disabled')}
      </span>
    );
  if (user.must_change_password) return <span className="adm-status is-pending">◐ {t('users.mustChange')}</span>;
  return (
    <span className="adm-status is-active">
      <Icon of={CircleCheck} /> {t('users.enabled')}
    </span>
  );
}

function StaffTable({ users, editable }: { users: StaffUser[]; editable: boolean }) {
  const { t } = useTranslation('admin');
  const agencies = useAgencies();
  const agencyName = (code: string | null) => {
    if (!code) return t('users.noAgency');
    const agency = agencies.data?.find((a) => a.code === code);
    return agency ? localName(agency) : code;
  };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen must be reachable by keyboard to scroll it
    <section className="adm-table-scroll" tabIndex={0} aria-label={t('users.title')}>
      <table className="adm-table">
        <caption className="visually-hidden">{t('users.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.agency')}</th>
            <th scope="col">{t('users.state')}</th>
            <th scope="col">{t('users.lastSignIn')}</th>
            {editable && (
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">{user.display_name || '—'}</th>
              <td>{user.email}</td>
              <td>{t(`staff:roles.${user.role}`)}</td>
              <td>{agencyName(user.agency_code)}</td>
              <td>
                <AccountState user={user} />
              </td>
              <td>{user.last_sign_in_at ? formatDateTime(user.last_sign_in_at) : t('users.never')}</td>
              {editable && (
                <td>
                  <Link to={user.id} aria-label={t('users.editOne', { name: user.email })}>
                    {t('edit')}
                  </Link>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AllStaff() {
  const { t } = useTranslation('admin');
  const agencies = useAgencies();
  const [filter, setFilter] = useState<StaffFilter>({});
  const pages = useCursorPages<string>();
  const list = useStaffAccounts(filter, pages.cursor);
  const change = (next: StaffFilter) => {
    setFilter(next);
    pages.reset();
  };
  return (
    <Page
      title={t('users.title')}
      actions={
        <Link className="button primary" to="new">
          {t('users.new')}
        </Link>
      }
    >
      <Notice />
      <div className="adm-filters row">
        <div className="field">
          <label htmlFor="users-agency">{t('users.agency')}</label>
          <select
            id="users-agency"
            value={filter.agency ?? ''}
            onChange={(event) => change({ ...filter, agency: event.target.value || undefined })}
          >
            <option value="">{t('users.anyAgency')}</option>
            {(agencies.data ?? []).map((agency) => (
              <option key={agency.code} value={agency.code}>
                {localName(agency)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="users-role">{t('users.role')}</label>
          <select
            id="users-role"
            value={filter.role ?? ''}
            onChange={(event) => change({ ...filter, role: (event.target.value || undefined) as StaffFilter['role'] })}
          >
            <option value="">{t('users.anyRole')}</option>
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`staff:roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <StaffPageBody list={list} editable pages={pages} />
    </Page>
  );
}

function StaffPageBody({
  list,
  editable,
  pages,
}: {
  list: UseQueryResult<StaffPage>;
  editable: boolean;
  pages: CursorPages<string>;
}) {
  const { t } = useTranslation('admin');
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} onRetry={() => list.refetch()} />;
  if (list.data.items.length === 0) return <EmptyState title={t('users.none')} />;
  const next = list.data.next;
  return (
    <>
      <StaffTable users={list.data.items} editable={editable} />
      <Pager
        page={pages.page}
        hasNext={next !== null}
        busy={list.isFetching}
        onPrevious={pages.previous}
        onNext={() => next && pages.next(next)}
      />
    </>
  );
}

/** What an agency admin sees: their agency's staff, and a way to add agency staff to it. */
function OwnAgencyStaff({ agency, agencyName }: { agency: string; agencyName: string }) {
  const { t } = useTranslation('admin');
  const pages = useCursorPages<string>();
  const list = useAgencyStaff(agency, pages.cursor);
  return (
    <Page
      title={t('users.agencyTitle', { agency: agencyName })}
      actions={
        <Link className="button primary" to="new">
          {t('users.new')}
        </Link>
      }
    >
      <Notice />
      <p className="adm-info">{t('users.agencyNote')}</p>
      <StaffPageBody list={list} editable={false} pages={pages} />
    </Page>
  );
}

export default function UsersPage() {
  const me = useStaff();
  if (me.role !== 'admin') {
    if (!me.agency) return null;
    const own = { code: me.agency.code, name: localName(me.agency) };
    return (
      <Routes>
        <Route index element={<OwnAgencyStaff agency={own.code} agencyName={own.name} />} />
        <Route path="new" element={<NewUserForm ownAgency={own} />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route index element={<AllStaff />} />
      <Route path="new" element={<NewUserForm />} />
      <Route path=":id" element={<UserEditor />} />
    </Routes>
  );
}
