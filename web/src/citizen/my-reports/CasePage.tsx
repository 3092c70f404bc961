// One of the citizen's cases: where it stands, the city's question to answer, the result to
// rate, what was reported, and the public history of what was done.
import { ArrowLeft } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CitizenCase } from '../../../../src/shared/cases';
import { ApiError } from '../../api/client';
import { EmptyState, ErrorMessage, Loading, Page } from '../../ui';
import { Icon } from '../../ui/icons';
import { DueChip, StateChip } from '../../ui/StateChip';
import { useMyCase } from './api';
import { CaseFacts, showsDeadline } from './CaseFacts';
import { CaseOutcome } from './CaseOutcome';
import { latestEvent, openQuestion } from './caseEvents';
import { MediaGallery } from './MediaGallery';
import { QuestionCard } from './QuestionCard';
import { RatingDialog } from './RatingDialog';
import { Timeline } from './Timeline';

interface Notice {
  tone: 'success' | 'error';
  text: string;
}

function BackLink() {
  const { t } = useTranslation('cases');
  return (
    <Link to="/reports" className="mr-back">
      <Icon of={ArrowLeft} /> {t('case.back')}
    </Link>
  );
}

export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('cases');
  const query = useMyCase(id);
  const [rating, setRating] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // an outcome is where the reader's attention goes next (the form may just have gone away)
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (query.isPending) {
    return (
      <Page title={t('case.loadingTitle')}>
        <Loading label={t('case.loading')} />
      </Page>
    );
  }
  if (query.isError) {
    const missing = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Page title={missing ? t('case.notFoundTitle') : t('case.errorTitle')}>
        {missing ? (
          <EmptyState title={t('case.notFound')}>
            <BackLink />
          </EmptyState>
        ) : (
          <ErrorMessage error={query.error} onRetry={() => query.refetch()} />
        )}
      </Page>
    );
  }

  const report = query.data;
  const question = openQuestion(report);
  // later photos (answers, proof) are shown with their event in the history
  const reportedMedia = report.timeline ? (latestEvent(report, 'submitted')?.media ?? []) : report.media;
  const conflict = (text: string) => {
    setRating(false);
    setNotice({ tone: 'error', text });
  };
  const rated = (updated: CitizenCase) => {
    setRating(false);
    setNotice({
      tone: 'success',
      text: updated.state === 'reopened' ? t('rating.doneReopened') : t('rating.doneClosed'),
    });
  };

  return (
    <Page title={report.title ?? t('case.title', { code: report.code })}>
      <BackLink />
      <div className="row mr-status">
        <StateChip state={report.state} />
        {showsDeadline(report) && (
          <DueChip dueAt={report.due_at} overdue={report.overdue} paused={report.state === 'waiting_for_citizen'} />
        )}
      </div>
      {notice && (
        <div
          ref={noticeRef}
          tabIndex={-1}
          className={notice.tone === 'success' ? 'success mr-notice' : 'error mr-notice'}
          role={notice.tone === 'success' ? 'status' : 'alert'}
        >
          <p>{notice.text}</p>
          {notice.tone === 'success' && (
            <p>
              {t('case.stateNow')} <StateChip state={report.state} />
            </p>
          )}
        </div>
      )}
      {question && (
        <QuestionCard
          report={report}
          question={question}
          onConflict={conflict}
          onReplied={() => setNotice({ tone: 'success', text: t('reply.done') })}
        />
      )}
      <CaseOutcome report={report} onRate={() => setRating(true)} />
      <section aria-labelledby="reported-title" className="mr-section">
        <h2 id="reported-title">{t('case.reported')}</h2>
        <p className="mr-description">{report.description}</p>
        <MediaGallery media={reportedMedia} context={t('case.title', { code: report.code })} />
        <CaseFacts report={report} />
      </section>
      <section aria-labelledby="timeline-title" className="mr-section">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
        <Timeline events={report.timeline ?? []} />
      </section>
      {rating && report.state === 'resolved' && (
        <RatingDialog report={report} onClose={() => setRating(false)} onRated={rated} onConflict={conflict} />
      )}
    </Page>
  );
}
