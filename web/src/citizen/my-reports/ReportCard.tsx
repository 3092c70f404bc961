// One case in the list of the citizen's reports: what, where it stands, and whether the city
// is waiting for them.
import { PencilLine, Star } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CitizenCase } from '../../../../src/shared/cases';
import { formatDate, localName } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { DueChip, StateChip } from '../../ui/StateChip';
import { showsDeadline } from './CaseFacts';
import { reportedByReader } from './caseEvents';

const EXCERPT = 90;

export function ReportCard({ report }: { report: CitizenCase }) {
  const { t } = useTranslation('cases');
  const text = report.title ?? report.description;
  const heading = text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text;
  const photo = report.media.find((media) => media.type === 'image');
  return (
    <li className="card mr-report-card">
      <div className="mr-report-card-body">
        <h2 className="mr-report-card-title">
          <Link to={`/reports/${report.id}`}>{heading}</Link>
        </h2>
        <p className="muted mr-report-card-meta">
          <span className="mr-code">{report.code}</span>
          {' · '}
          <time dateTime={report.created_at}>{t('list.sentOn', { when: formatDate(report.created_at) })}</time>
          {report.area && ` · ${localName(report.area)}`}
        </p>
        <div className="row">
          <StateChip state={report.state} />
          {showsDeadline(report) && (
            <DueChip dueAt={report.due_at} overdue={report.overdue} paused={report.state === 'waiting_for_citizen'} />
          )}
        </div>
        {report.state === 'waiting_for_citizen' && reportedByReader(report) && (
          <p className="mr-waiting-note">
            <Icon of={PencilLine} /> {t('list.waitingForYou')}
          </p>
        )}
        {report.state === 'resolved' && (
          <p className="mr-waiting-note">
            <Icon of={Star} /> {t('list.pleaseRate')}
          </p>
        )}
      </div>
      {photo && <img className="mr-report-card-photo" src={photo.thumbnail_url ?? photo.url} alt="" loading="lazy" />}
    </li>
  );
}
