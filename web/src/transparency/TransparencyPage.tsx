// /transparency: how the city answers its citizens, for anyone: the public dashboard's
// figures (no overdue counts, and no rate or median resting on so few cases that it would
// tell about one person), with what each figure means.
import { useTranslation } from 'react-i18next';
import { PUBLIC_MIN_COUNT } from '../../../src/shared/dashboard';
import { Dashboard } from '../dashboard/Dashboard';
import { Page } from '../ui';

export default function TransparencyPage() {
  const { t } = useTranslation('transparency');
  return (
    <div className="tp-page">
      <Page title={t('title')}>
        <p className="lead">{t('lead')}</p>
        <details className="db-details tp-about">
          <summary>{t('about.title')}</summary>
          <ul>
            <li>{t('about.range')}</li>
            <li>{t('about.rates')}</li>
            <li>{t('about.privacy', { count: PUBLIC_MIN_COUNT })}</li>
            <li>{t('about.csv')}</li>
          </ul>
        </details>
        <Dashboard audience="public" />
      </Page>
    </div>
  );
}
