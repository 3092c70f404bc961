import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../ui';

export function HomePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('home.title')}>
      <p className="lead">{t('home.lead')}</p>
      <div className="stack">
        <Link to="/report" className="button primary big">
          {t('home.start')}
        </Link>
        <Link to="/reports" className="button secondary">
          {t('home.myReports')}
        </Link>
        <Link to="/map" className="button secondary">
          {t('home.seeMap')}
        </Link>
        <Link to="/transparency">{t('home.transparency')}</Link>
      </div>
    </Page>
  );
}
