// How the case ended, or how it stands after the city's answer: the resolution with its
// proof and the invitation to rate, the citizen's rating, a rejection's reason, a merge.
import { Star } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CitizenCase } from '../../../../src/shared/cases';
import { formatDateTime } from '../../ui/format';
import { Icon, Stars } from '../../ui/icons';
import { latestEvent, reportedByReader } from './caseEvents';
import { MediaGallery } from './MediaGallery';

export function CaseOutcome({ report, onRate }: { report: CitizenCase; onRate: () => void }) {
  const { t } = useTranslation('cases');
  const resolved = latestEvent(report, 'resolved');
  const rated = latestEvent(report, 'rated');
  const rejected = latestEvent(report, 'rejected');
  const showResolution = resolved && (report.state === 'resolved' || report.state === 'closed');
  // a rating given before the case came back resolved again would only confuse the new one
  const showRating = rated && report.state !== 'resolved';

  return (
    <>
      {showResolution && (
        <section className="card mr-card mr-outcome" aria-labelledby="resolution-title">
          <h2 id="resolution-title">{t('outcome.resolutionTitle')}</h2>
          <p className="muted">
            <time dateTime={resolved.at}>{formatDateTime(resolved.at)}</time>
          </p>
          {resolved.message && <p className="mr-event-message">{resolved.message}</p>}
          <MediaGallery media={resolved.media} context={t('outcome.resolutionTitle')} />
          {report.state === 'resolved' && reportedByReader(report) && (
            <div className="stack mr-rate-prompt">
              <p>{t('outcome.ratePrompt')}</p>
              <button type="button" className="button primary" onClick={onRate}>
                <Icon of={Star} /> {t('outcome.rate')}
              </button>
            </div>
          )}
        </section>
      )}
      {showRating && typeof rated.details.rating === 'number' && (
        <section className="card mr-card" aria-labelledby="rating-title">
          <h2 id="rating-title">{t('outcome.yourRating')}</h2>
          <p className="mr-rating-shown">
            <Stars count={rated.details.rating} /> {t('rating.stars', { count: rated.details.rating })}
            {rated.details.fixed === false && ` · ${t('rating.notFixedShort')}`}
          </p>
          {rated.message && <p className="mr-event-message">{rated.message}</p>}
          {report.state === 'reopened' && <p>{t('outcome.reopenedNote')}</p>}
        </section>
      )}
      {report.state === 'rejected' && (
        <section className="card mr-card" aria-labelledby="rejected-title">
          <h2 id="rejected-title">{t('outcome.rejectedTitle')}</h2>
          <p className="mr-event-message">{rejected?.message ?? t('outcome.noReason')}</p>
        </section>
      )}
      {report.state === 'merged' && report.merged_into && (
        <section className="card mr-card" aria-labelledby="merged-title">
          <h2 id="merged-title">{t('outcome.mergedTitle')}</h2>
          <p>
            {t('outcome.mergedText')}{' '}
            <Link to={`/cases/${encodeURIComponent(report.merged_into)}`}>{report.merged_into}</Link>
          </p>
        </section>
      )}
    </>
  );
}
