// One report in a few lines, as the map's card and the list show it: what, where, since when,
// how it stands, and the way to its public page.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../ui/format';
import { StateChip } from '../../ui/StateChip';
import { useNames } from './reference';
import type { ReportProperties } from './reports';

export function ReportSummary({ report, headingLevel }: { report: ReportProperties; headingLevel: 2 | 3 }) {
  const { t } = useTranslation('map');
  const names = useNames();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const category = names.category(report.category);
  const ward = names.area(report.area);
  const photo = report.media.find((media) => media.type === 'image');
  return (
    <article className="pm-summary">
      {photo && (
        <img
          className="pm-thumb"
          src={photo.thumbnail_url ?? photo.url}
          alt={t('summary.photoAlt', { code: report.code })}
          loading="lazy"
          width={72}
          height={72}
        />
      )}
      <div className="pm-summary-text">
        <Heading className="pm-summary-title">{report.title ?? category ?? t('summary.untitled')}</Heading>
        <p className="pm-meta">
          <StateChip state={report.state} /> <span className="pm-code">{report.code}</span>
        </p>
        <p className="pm-meta muted">
          {/* the category is named here only when a title took the heading */}
          {[report.title ? category : null, ward, t('summary.sent', { date: formatDate(report.created_at) })]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <p className="pm-description">{report.description}</p>
        <Link to={`/cases/${encodeURIComponent(report.code)}`} className="pm-link">
          {t('summary.details')}
          <span className="visually-hidden"> {t('summary.detailsOf', { code: report.code })}</span>
        </Link>
      </div>
    </article>
  );
}
