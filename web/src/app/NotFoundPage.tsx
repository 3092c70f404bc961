import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../ui';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('errors.notFound')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </Page>
  );
}
