// /staff/agency: an agency's own workspace: what is overdue, its open queue, and its figures.
// The server keeps agency roles to their own agency's cases; other roles are sent elsewhere.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, Page } from '../../ui';
import { localName } from '../../ui/format';
import { AGENCY } from '../shell/StaffLayout';
import { useStaff } from '../shell/useStaff';
import { AgencyFigures } from './AgencyFigures';
import { AgencyQueue } from './AgencyQueue';
import { AGENCY_OPEN_STATES } from './api';
import { CaseList } from './CaseList';

export default function AgencyPage() {
  const { t } = useTranslation('agency');
  const staff = useStaff();
  if (!AGENCY.includes(staff.role) || !staff.agency) {
    return (
      <Page title={t('title')}>
        <EmptyState title={t('notAgency')}>
          <Link to="/staff">{t('toQueue')}</Link>
        </EmptyState>
      </Page>
    );
  }
  return (
    <Page title={t('titleOf', { agency: localName(staff.agency) })}>
      <div className="ag-workspace">
        <section className="ag-section" aria-labelledby="agency-overdue">
          <h2 id="agency-overdue">{t('overdue.title')}</h2>
          <CaseList
            filter={{ states: AGENCY_OPEN_STATES, overdue: true, sort: 'due' }}
            caption={t('overdue.caption')}
            emptyTitle={t('overdue.empty')}
            emptyText={t('overdue.emptyText')}
          />
        </section>
        <section className="ag-section" aria-labelledby="agency-queue">
          <h2 id="agency-queue">{t('queue.title')}</h2>
          <AgencyQueue />
        </section>
        <section className="ag-section" aria-labelledby="agency-figures">
          <h2 id="agency-figures">{t('figures.title')}</h2>
          <AgencyFigures agencyCode={staff.agency.code} />
        </section>
      </div>
    </Page>
  );
}
