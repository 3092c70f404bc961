// The citizen app's frame: skip link, header with language switch, the page, and a bottom
// navigation bar sized for thumbs.

import { Bell, ClipboardList, House, Map as MapIcon, SquarePlus } from 'lucide-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../api/session';
import { useUnreadCount } from '../citizen/notifications/useUnreadCount';
import { SentNotice } from '../citizen/outbox/SentNotice';
import { type Language, setLanguage } from '../i18n';
import { Loading } from '../ui';
import { useOnline } from './useOnline';

export function CitizenLayout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const online = useOnline();
  const unread = useUnreadCount(Boolean(me.data));
  const other: Language = i18n.language === 'en' ? 'vi' : 'en';

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top-bar">
        <NavLink to="/" className="brand">
          {t('appName')}
        </NavLink>
        <div className="top-actions">
          <button
            type="button"
            className="button link"
            lang={other}
            aria-label={t('switchLanguageLabel')}
            onClick={() => setLanguage(other)}
          >
            {t('switchLanguage')}
          </button>
          {me.data ? (
            <button
              type="button"
              className="button link"
              onClick={async () => {
                await signOut();
                navigate('/');
              }}
            >
              {t('nav.signOut')}
            </button>
          ) : (
            <NavLink to="/sign-in" className="button link">
              {t('nav.signIn')}
            </NavLink>
          )}
        </div>
      </header>
      {!online && (
        <p className="offline-banner" role="status">
          {t('offlineBanner')}
        </p>
      )}
      {me.data && <SentNotice />}
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="bottom-nav" aria-label={t('nav.main')}>
        <NavLink to="/" end>
          <House className="nav-icon" aria-hidden="true" />
          {t('nav.home')}
        </NavLink>
        <NavLink to="/report">
          <SquarePlus className="nav-icon" aria-hidden="true" />
          {t('nav.report')}
        </NavLink>
        <NavLink to="/reports" aria-label={t('nav.myReports')}>
          <ClipboardList className="nav-icon" aria-hidden="true" />
          {t('nav.myReportsShort')}
        </NavLink>
        <NavLink to="/map">
          <MapIcon className="nav-icon" aria-hidden="true" />
          {t('nav.map')}
        </NavLink>
        <NavLink to="/inbox" aria-label={unread > 0 ? t('nav.inboxUnread', { count: unread }) : undefined}>
          <Bell className="nav-icon" aria-hidden="true" />
          {t('nav.inbox')}
          {/* a space, so that the visible words ("Thông báo 3") are inside the label (WCAG 2.5.3) */}
          {unread > 0 && ' '}
          {unread > 0 && (
            <span className="badge" aria-hidden="true">
              {unread}
            </span>
          )}
        </NavLink>
      </nav>
    </div>
  );
}
