// One notification: read or unread said in words (and shown in weight, never by colour
// alone), its title linking to the case it concerns, when it came, and a button to mark it read.
import { Mail, MailOpen } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { caseLinkOf, type InboxItem } from './api';

export function NotificationRow({
  item,
  busy,
  onMarkRead,
}: {
  item: InboxItem;
  busy: boolean;
  onMarkRead: (id: number) => void;
}) {
  const { t, i18n } = useTranslation('notifications');
  const title = i18n.language === 'en' ? item.title_en : item.title_vi;
  const link = caseLinkOf(item);
  const titleId = `notification-${item.id}-title`;
  const titleRef = useRef<HTMLElement | null>(null);
  const keepTitle = (node: HTMLElement | null) => {
    titleRef.current = node;
  };
  const refocus = useRef(false);

  // the button goes away once the item is read: keep the reader's place on its title
  useEffect(() => {
    if (item.read && refocus.current) {
      refocus.current = false;
      titleRef.current?.focus();
    }
  }, [item.read]);
  return (
    <li className={`card inbox-item ${item.read ? 'inbox-read' : 'inbox-unread'}`}>
      <p className="inbox-status">
        <span className={`chip ${item.read ? 'inbox-chip-read' : 'inbox-chip-unread'}`}>
          <Icon of={item.read ? MailOpen : Mail} /> {item.read ? t('read') : t('unread')}
        </span>
        <time dateTime={item.created_at} title={formatDateTime(item.created_at)} className="muted">
          {formatRelative(item.created_at)}
        </time>
      </p>
      <p className="inbox-title" id={titleId}>
        {link ? (
          <Link ref={keepTitle} to={link} onClick={() => !item.read && onMarkRead(item.id)}>
            {title}
          </Link>
        ) : (
          <span ref={keepTitle} tabIndex={-1}>
            {title}
          </span>
        )}
      </p>
      {!item.read && (
        <button
          type="button"
          className="button link"
          disabled={busy}
          aria-describedby={titleId}
          onClick={() => {
            refocus.current = true;
            onMarkRead(item.id);
          }}
        >
          {t('markRead')}
        </button>
      )}
    </li>
  );
}
