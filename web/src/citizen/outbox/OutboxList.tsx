// The citizen's reports kept on this device: waiting to be sent, being sent, or refused by
// the server (to edit or discard), and the ones sent during this visit with their codes.
import { CircleCheck, RotateCw, TriangleAlert, Upload } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOnline } from '../../app/useOnline';
import { formatDateTime } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { reportErrorText } from './errorText';
import { discardReport, flushOutbox } from './sender';
import type { OutboxItem } from './store';
import type { OutboxView } from './useOutbox';

const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 90)}…` : text);

export function OutboxList({
  outbox,
  onEdit,
  hideId,
}: {
  outbox: OutboxView;
  /** Opens a refused report in the form; without it, refused reports can only be discarded. */
  onEdit?: (item: OutboxItem) => void;
  /** The report the page is showing already (its own message says where it stands). */
  hideId?: string | null;
}) {
  const { t } = useTranslation('outbox');
  const online = useOnline();
  const [confirming, setConfirming] = useState<string | null>(null);
  const items = (outbox.items ?? []).filter((item) => item.id !== hideId);
  const sent = outbox.sent.filter((report) => report.id !== hideId);
  if (items.length === 0 && sent.length === 0) return null;
  const waiting = items.filter((item) => item.status === 'waiting').length;

  return (
    <section className="outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{items.length > 0 ? t('title', { count: items.length }) : t('sentTitle')}</h2>
      {waiting > 0 && <p className="hint">{online ? t('hintOnline') : t('hintOffline')}</p>}
      {items.length > 0 && (
        <ul className="outbox-items">
          {items.map((item) => {
            const sending = outbox.sendingId === item.id;
            const failed = item.status === 'failed';
            return (
              <li key={item.id} className={`card outbox-item${failed ? ' is-failed' : ''}`}>
                <p className="outbox-status">
                  <Icon of={sending ? Upload : failed ? TriangleAlert : RotateCw} />{' '}
                  {sending ? t('status.sending') : failed ? t('status.failed') : t('status.waiting')}
                </p>
                <p className="outbox-text">{excerpt(item.fields.description)}</p>
                <p className="muted outbox-meta">
                  {t('savedAt', { when: formatDateTime(new Date(item.queuedAt).toISOString()) })}
                  {item.files.length > 0 && ` · ${t('files', { count: item.files.length })}`}
                </p>
                {item.lastError && (failed || item.lastError.status !== 0) && (
                  <p className={failed ? 'field-error' : 'hint'}>{reportErrorText(t, item.lastError)}</p>
                )}
                {confirming === item.id ? (
                  <div className="row">
                    <p className="outbox-confirm">{t('confirmDiscard')}</p>
                    <button
                      type="button"
                      className="button danger"
                      onClick={() => {
                        setConfirming(null);
                        void discardReport(item.id);
                      }}
                    >
                      {t('discardYes')}
                    </button>
                    <button type="button" className="button secondary" onClick={() => setConfirming(null)}>
                      {t('discardNo')}
                    </button>
                  </div>
                ) : (
                  <div className="row">
                    {!failed && online && !sending && (
                      <button
                        type="button"
                        className="button secondary"
                        onClick={() => void flushOutbox({ force: true })}
                      >
                        {t('sendNow')}
                      </button>
                    )}
                    {failed && onEdit && (
                      <button type="button" className="button primary" onClick={() => onEdit(item)}>
                        {t('edit')}
                      </button>
                    )}
                    {!sending && (
                      <button
                        type="button"
                        className="button link"
                        aria-label={t('discardLabel', { text: excerpt(item.fields.description) })}
                        onClick={() => setConfirming(item.id)}
                      >
                        {t('discard')}
                      </button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {sent.length > 0 && (
        <ul className="outbox-sent">
          {sent.map((report) => (
            <li key={report.id} className="success">
              <Icon of={CircleCheck} /> {t('sent', { text: excerpt(report.description) })}{' '}
              <Link to={`/reports/${report.caseId}`}>{t('follow', { code: report.code })}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
