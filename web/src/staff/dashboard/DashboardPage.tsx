// /staff/dashboard: the city dashboard for the operations center and administrators; an
// agency admin sees their own agency's figures (the server holds them to it). Agency staff
// work from their agency's page instead.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Role } from '../../../../src/shared/roles';
import { Dashboard } from '../../dashboard/Dashboard';
import { EmptyState, Page } from '../../ui';
import { localName } from '../../ui/format';
import { useStaff } from '../shell/useStaff';

const DASHBOARD_ROLES: readonly Role[] = ['operator', 'admin', 'agency_admin'];

export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const staff = useStaff();
  if (!DASHBOARD_ROLES.includes(staff.role)) {
    return (
      <Page title={t('staff.title')}>
        <EmptyState title={t('staff.notForRole')}>
          <p>{t('staff.notForRoleText')}</p>
          <Link to={staff.agency ? '/staff/agency' : '/staff'}>
            {staff.agency ? t('staff.toAgency') : t('staff.toQueue')}
          </Link>
        </EmptyState>
      </Page>
    );
  }
  const ownAgency = staff.role === 'agency_admin' && staff.agency;
  return (
    <Page title={ownAgency ? t('staff.titleOf', { agency: localName(staff.agency) }) : t('staff.title')}>
      <p className="db-intro">{t('staff.intro')}</p>
      <Dashboard audience="staff" lockedAgency={staff.role === 'agency_admin'} />
    </Page>
  );
}
