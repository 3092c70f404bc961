// /staff/cases/:id: one case on a page of its own, with the way back to the list it came from.
import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../../ui';
import { Icon } from '../../ui/icons';
import { AGENCY } from '../shell/StaffLayout';
import { useStaff } from '../shell/useStaff';
import { useStaffCase } from './api';
import { isMissing, StaffCaseView } from './StaffCaseView';

export default function StaffCasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('case');
  const staff = useStaff();
  const query = useStaffCase(id);
  const title = query.data
    ? t('page.title', { code: query.data.code })
    : query.isError && isMissing(query.error)
      ? t('view.notFoundTitle')
      : t('page.loadingTitle');
  const fromAgency = AGENCY.includes(staff.role);
  return (
    <div className="sc-page">
      <Page title={title}>
        <Link to={fromAgency ? '/staff/agency' : '/staff'} className="sc-back">
          <Icon of={ArrowLeft} /> {fromAgency ? t('page.backToAgency') : t('page.backToQueue')}
        </Link>
        <StaffCaseView caseId={id} />
      </Page>
    </div>
  );
}
