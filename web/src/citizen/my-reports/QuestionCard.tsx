// The city's question, shown first on the case page while the city waits for the citizen,
// with the answer form right under it.
import { MessageCircleQuestion } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CitizenCase, TimelineEvent } from '../../../../src/shared/cases';
import { formatDateTime, localName } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { MediaGallery } from './MediaGallery';
import { ReplyForm } from './ReplyForm';

export function QuestionCard({
  report,
  question,
  onReplied,
  onConflict,
}: {
  report: CitizenCase;
  question: TimelineEvent;
  onReplied: () => void;
  onConflict: (text: string) => void;
}) {
  const { t } = useTranslation('cases');
  return (
    <section className="card mr-card mr-question" aria-labelledby="question-title">
      <h2 id="question-title">
        <Icon of={MessageCircleQuestion} />{' '}
        {report.agency ? t('question.fromAgency', { agency: localName(report.agency) }) : t('question.title')}
      </h2>
      <p className="muted">
        <time dateTime={question.at}>{t('question.askedAt', { when: formatDateTime(question.at) })}</time>
      </p>
      <blockquote className="mr-question-text">{question.message ?? t('question.noText')}</blockquote>
      <MediaGallery media={question.media} context={t('question.title')} />
      <p className="mr-question-lead">{t('question.lead')}</p>
      <ReplyForm report={report} onReplied={onReplied} onConflict={onConflict} />
    </section>
  );
}
