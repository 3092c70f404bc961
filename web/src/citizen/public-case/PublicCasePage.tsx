// The public page of one report (/cases/:code), open to everyone and shareable: how it stands,
// what it is about, where, the photos and what the city has done. Nothing here names or
// reaches the person who reported it; the server masks phone numbers and the like in texts.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseState, PublicCase } from '../../../../src/shared/cases';
import { ApiError } from '../../api/client';
import { EmptyState, ErrorMessage, Loading, Page } from '../../ui';
import { formatDateTime, localName } from '../../ui/format';
import { DueChip, StateChip } from '../../ui/StateChip';
import { formatMapView } from '../map/filters';
import { useNames } from '../map/reference';
import { usePublicCase } from './api';
import { PublicPhotos } from './PublicPhotos';
import { PublicTimeline } from './PublicTimeline';
import { SupportButton } from './SupportButton';

/** While an agency holds the case its deadline means something; it pauses while the city waits. */
const DEADLINE_STATES: readonly CaseState[] = ['assigned', 'in_progress', 'reopened'];

export default function PublicCasePage() {
  const { t } = useTranslation('public-case');
  const { code = '' } = useParams();
  const report = usePublicCase(code);

  if (report.isPending) {
    return (
      <Page title={t('titleLoading')}>
        <Loading />
      </Page>
    );
  }
  if (report.isError) {
    const missing = report.error instanceof ApiError && report.error.status === 404;
    return (
      <Page title={missing ? t('notFound.title') : t('titleLoading')}>
        {missing ? (
          <EmptyState title={t('notFound.lead', { code })}>
            <Link to="/map">{t('notFound.map')}</Link>
          </EmptyState>
        ) : (
          <ErrorMessage error={report.error} onRetry={() => report.refetch()} />
        )}
      </Page>
    );
  }
  return <PublicCaseView report={report.data} />;
}

function PublicCaseView({ report }: { report: PublicCase }) {
  const { t } = useTranslation('public-case');
  const names = useNames();
  const category = names.category(report.category);
  // The report's own photos head the page; later ones (proof of the work) stay with their step.
  const submitted = report.timeline?.find((event) => event.type === 'submitted');
  const reportPhotos = submitted ? submitted.media : report.media;
  const mapLink = `/map?at=${formatMapView({ lat: report.lat, lon: report.lon, zoom: 17 })}`;
  const facts: [string, ReactNode][] = [
    [
      t('facts.code'),
      <span key="code" className="pc-code">
        {report.code}
      </span>,
    ],
    [t('facts.category'), category ?? t('facts.notYet')],
    [t('facts.area'), report.area ? localName(report.area) : t('facts.unknown')],
    [t('facts.agency'), report.agency ? localName(report.agency) : t('facts.notYet')],
    [
      t('facts.sent'),
      <time key="sent" dateTime={report.created_at}>
        {formatDateTime(report.created_at)}
      </time>,
    ],
  ];
  if (report.resolved_at) {
    facts.push([
      t('facts.resolved'),
      <time key="resolved" dateTime={report.resolved_at}>
        {formatDateTime(report.resolved_at)}
      </time>,
    ]);
  }
  if (report.closed_at) {
    facts.push([
      t('facts.closed'),
      <time key="closed" dateTime={report.closed_at}>
        {formatDateTime(report.closed_at)}
      </time>,
    ]);
  }
  if (report.rating !== null) facts.push([t('facts.rating'), t('facts.ratingValue', { rating: report.rating })]);
  if (report.supporter_count > 0) {
    facts.push([t('facts.supporters'), t('facts.supportersValue', { count: report.supporter_count })]);
  }

  return (
    <Page title={t('title', { code: report.code })}>
      <p className="pc-status row">
        <StateChip state={report.state} />
        {DEADLINE_STATES.includes(report.state) && (
          <DueChip dueAt={report.due_at} overdue={report.overdue} paused={report.state === 'waiting_for_citizen'} />
        )}
      </p>
      <SupportButton code={report.code} state={report.state} />
      {report.merged_into && (
        <p className="notice pc-merged">
          {t('merged')}{' '}
          <Link to={`/cases/${encodeURIComponent(report.merged_into)}`}>
            {t('mergedLink', { code: report.merged_into })}
          </Link>
        </p>
      )}
      <section className="card pc-about" aria-labelledby="pc-about-title">
        <h2 id="pc-about-title">{report.title ?? category ?? t('about')}</h2>
        <p className="pc-description">{report.description}</p>
        <PublicPhotos media={reportPhotos} label={(n, count) => t('photos.alt', { n, count, code: report.code })} />
        <dl className="pc-facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="pc-place">
          {report.address && <span>{report.address} · </span>}
          <Link to={mapLink}>{t('seeOnMap')}</Link>
        </p>
      </section>
      <section className="pc-history" aria-labelledby="pc-history-title">
        <h2 id="pc-history-title">{t('timeline.title')}</h2>
        <PublicTimeline events={report.timeline ?? []} code={report.code} />
      </section>
    </Page>
  );
}
