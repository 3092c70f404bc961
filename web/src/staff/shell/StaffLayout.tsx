// The staff console's frame (desktop first): staff sign-in and the forced first password
// change stand in front of everything; the navigation shows only what the role may use.
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import type { Me } from '../../../../src/shared/accounts';
import type { Role } from '../../../../src/shared/roles';
import { useMe, useSignOut } from '../../api/session';
import { type Language, setLanguage } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui';
import { localName } from '../../ui/format';
import { ChangePasswordPage } from './ChangePasswordPage';
import { StaffSignInPage } from './StaffSignInPage';

interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
  end?: boolean;
}

export const OPERATORS: readonly Role[] = ['operator', 'admin'];
export const AGENCY: readonly Role[] = ['agency_staff', 'agency_admin'];
export const ALL_STAFF: readonly Role[] = ['operator', 'admin', 'agency_staff', 'agency_admin'];

export function isStaff(me: Me | null | undefined): me is Me {
  return Boolean(me && ALL_STAFF.includes(me.role));
}

export default function StaffLayout() {
  const { t, i18n } = useTranslation('staff');
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const other: Language = i18n.language === 'en' ? 'vi' : 'en';

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} onRetry={() => me.refetch()} />;
  if (!isStaff(me.data)) return <StaffSignInPage signedInAsCitizen={Boolean(me.data)} />;
  if (me.data.must_change_password) return <ChangePasswordPage />;

  const items: NavItem[] = [
    { to: '/staff', label: t('nav.queue'), roles: ALL_STAFF, end: true },
    { to: '/staff/map', label: t('nav.map'), roles: ALL_STAFF },
    { to: '/staff/agency', label: t('nav.agency'), roles: AGENCY },
    { to: '/staff/dashboard', label: t('nav.dashboard'), roles: [...OPERATORS, 'agency_admin'] },
    { to: '/staff/admin', label: t('nav.admin'), roles: ['admin', 'agency_admin'] },
  ];
  const role = me.data.role;

  return (
    <div className="staff-shell">
      <a className="skip-link" href="#staff-main">
        {t('common:skipToContent')}
      </a>
      <header className="staff-top">
        <span className="brand">{t('title')}</span>
        <nav aria-label={t('nav.label')} className="staff-nav">
          {items
            .filter((item) => item.roles.includes(role))
            .map((item) => (
              <NavLink key={item.to} to={item.to} end={item.end}>
                {item.label}
              </NavLink>
            ))}
        </nav>
        <div className="staff-user">
          <span>
            {me.data.display_name} · {t(`roles.${role}`)}
            {me.data.agency ? ` · ${localName(me.data.agency)}` : ''}
          </span>
          <button
            type="button"
            className="button link"
            lang={other}
            aria-label={t('common:switchLanguageLabel')}
            onClick={() => setLanguage(other)}
          >
            {t('common:switchLanguage')}
          </button>
          <button
            type="button"
            className="button link"
            onClick={async () => {
              await signOut();
              navigate('/staff');
            }}
          >
            {t('common:nav.signOut')}
          </button>
        </div>
      </header>
      <main id="staff-main" className="staff-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet context={me.data} />
        </Suspense>
      </main>
    </div>
  );
}
