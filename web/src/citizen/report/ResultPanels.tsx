// What the citizen sees after pressing send: the case's code and where to follow it, or that
// the report is kept on the device and will go when the network is back.
import { CircleCheck, RotateCw } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CitizenCase } from '../../../../src/shared/cases';
import { useOnline } from '../../app/useOnline';
import { localName } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { reportErrorText } from '../outbox/errorText';
import type { OutboxError } from '../outbox/store';

/** The panel's heading takes focus, so that a screen reader announces the outcome. */
function useFocusOnArrival() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

export function SentPanel({ report, onNew }: { report: CitizenCase; onNew: () => void }) {
  const { t } = useTranslation('report');
  const heading = useFocusOnArrival();
  return (
    <div className="stack">
      <div className="success result-panel">
        <h2 ref={heading} tabIndex={-1}>
          <Icon of={CircleCheck} /> {t('sent.title')}
        </h2>
        <p>
          {t('sent.code')} <strong className="case-code">{report.code}</strong>
        </p>
        {report.area && <p>{t('sent.area', { area: localName(report.area) })}</p>}
        <p>{t('sent.next')}</p>
      </div>
      <div className="row">
        <Link to={`/reports/${report.id}`} className="button primary">
          {t('sent.follow')}
        </Link>
        <button type="button" className="button secondary" onClick={onNew}>
          {t('sent.another')}
        </button>
      </div>
    </div>
  );
}

export function QueuedPanel({
  error,
  onRetry,
  onNew,
}: {
  error: OutboxError | null;
  onRetry: () => void;
  onNew: () => void;
}) {
  const { t } = useTranslation('report');
  const online = useOnline();
  const heading = useFocusOnArrival();
  return (
    <div className="stack">
      <div className="notice result-panel">
        <h2 ref={heading} tabIndex={-1}>
          <Icon of={RotateCw} /> {online && error ? t('queued.titleFailed') : t('queued.title')}
        </h2>
        <p>{t('queued.body')}</p>
        {online && error && <p>{reportErrorText(t, error)}</p>}
      </div>
      <div className="row">
        {online && (
          <button type="button" className="button primary" onClick={onRetry}>
            {t('queued.retry')}
          </button>
        )}
        <button type="button" className="button secondary" onClick={onNew}>
          {t('queued.another')}
        </button>
      </div>
    </div>
  );
}
