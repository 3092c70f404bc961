// Wherever the citizen is, a report the outbox sends in the background is confirmed with its
// code ("Đã gửi phản ánh HUE-…"), and the lists that show it (my reports, the inbox) are
// asked for again at once. The sender is loaded with the outbox, not with the first screen.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { CitizenCase } from '../../../../src/shared/cases';
import { MY_REPORTS_KEY } from '../my-reports/api';
import { INBOX_KEY } from '../notifications/useUnreadCount';

export function SentNotice() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { pathname } = useLocation();
  const [sent, setSent] = useState<CitizenCase | null>(null);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let live = true;
    void import('./sender').then(({ onOutboxEvent }) => {
      if (!live) return;
      stop = onOutboxEvent((event) => {
        if (event.type !== 'sent') return;
        void client.invalidateQueries({ queryKey: MY_REPORTS_KEY });
        void client.invalidateQueries({ queryKey: INBOX_KEY });
        setSent(event.report);
      });
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [client]);

  // the report form says it itself, with more to say
  if (!sent || pathname === '/report') return null;
  return (
    <div className="sent-notice success" role="status">
      <span>{t('outboxSent.sent', { code: sent.code })}</span>{' '}
      <Link to={`/reports/${sent.id}`} onClick={() => setSent(null)}>
        {t('outboxSent.follow')}
      </Link>
      <button type="button" className="button link" onClick={() => setSent(null)}>
        {t('outboxSent.dismiss')}
      </button>
    </div>
  );
}
