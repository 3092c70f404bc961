// Report categories: each with its SLA, the kind of agency that takes it, its default
// priority and its auto-assign threshold, and the form to change them.
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { EmptyState, ErrorMessage, Loading, Page } from '../../../ui';
import { localName } from '../../../ui/format';
import { StatusText } from '../agencies/AgenciesPage';
import { useCategories, useThresholds } from '../api';
import { Notice } from '../Notice';
import { CategoryEditor } from './CategoryEditor';

export const percent = (threshold: number) => `${Math.round(threshold * 1000) / 10} %`;

function CategoryList() {
  const { t } = useTranslation('admin');
  const categories = useCategories();
  const thresholds = useThresholds();
  const thresholdOf = (code: string) => thresholds.data?.find((item) => item.category === code)?.threshold ?? null;
  return (
    <Page title={t('categories.title')}>
      <Notice />
      <p className="hint adm-lead">{t('categories.lead')}</p>
      {categories.isPending ? (
        <Loading />
      ) : categories.isError ? (
        <ErrorMessage error={categories.error} onRetry={() => categories.refetch()} />
      ) : categories.data.length === 0 ? (
        <EmptyState title={t('categories.none')} />
      ) : (
        <div className="adm-table-scroll">
          <table className="adm-table">
            <caption className="visually-hidden">{t('categories.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('categories.name')}</th>
                <th scope="col">{t('categories.code')}</th>
                <th scope="col">{t('categories.kind')}</th>
                <th scope="col">{t('categories.sla')}</th>
                <th scope="col">{t('categories.priority')}</th>
                <th scope="col">{t('categories.threshold')}</th>
                <th scope="col">{t('categories.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {categories.data.map((category) => {
                const threshold = thresholdOf(category.code);
                return (
                  <tr key={category.code}>
                    <th scope="row">{localName(category)}</th>
                    <td>
                      <code>{category.code}</code>
                    </td>
                    <td>
                      <code>{category.agency_kind}</code>
                    </td>
                    <td>{t('categories.hours', { count: category.sla_hours })}</td>
                    <td>{t(`priorities.${category.default_priority}`)}</td>
                    <td>{threshold === null ? t('categories.thresholdOff') : percent(threshold)}</td>
                    <td>
                      <StatusText active={category.active} />
                    </td>
                    <td>
                      <Link
                        to={encodeURIComponent(category.code)}
                        aria-label={t('categories.editOne', { name: localName(category) })}
                      >
                        {t('edit')}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

export default function CategoriesPage() {
  return (
    <Routes>
      <Route index element={<CategoryList />} />
      <Route path=":code" element={<CategoryEditor />} />
    </Routes>
  );
}
