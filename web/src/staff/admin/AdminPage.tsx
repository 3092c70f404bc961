// Administration: a side menu of the topics the signed-in role may manage, and one page per
// topic. A topic the role may not use is not in the menu, and its address says so.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { EmptyState, Loading, Page } from '../../ui';
import { useStaff } from '../shell/useStaff';
import { sectionsFor } from './sections';

const PAGES = {
  agencies: lazy(() => import('./agencies/AgenciesPage')),
  users: lazy(() => import('./users/UsersPage')),
  categories: lazy(() => import('./categories/CategoriesPage')),
  routing: lazy(() => import('./routing/RoutingPage')),
  pack: lazy(() => import('./pack/PackPage')),
  'api-clients': lazy(() => import('./api-clients/ApiClientsPage')),
  audit: lazy(() => import('./audit/AuditPage')),
} as const;

function NotAllowed() {
  const { t } = useTranslation('admin');
  return (
    <Page title={t('notAllowed.title')}>
      <EmptyState title={t('notAllowed.body')} />
    </Page>
  );
}

export default function AdminPage() {
  const { t } = useTranslation('admin');
  const me = useStaff();
  const sections = sectionsFor(me.role);
  const first = sections[0];
  return (
    <div className="adm-layout">
      <nav className="adm-menu" aria-label={t('menu.label')}>
        <ul>
          {sections.map((section) => (
            <li key={section.path}>
              <NavLink to={`/staff/admin/${section.path}`}>{t(`menu.${section.label}`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="adm-content">
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route index element={first ? <Navigate to={first.path} replace /> : <NotAllowed />} />
            {sections.map((section) => {
              const Section = PAGES[section.path as keyof typeof PAGES];
              return <Route key={section.path} path={`${section.path}/*`} element={<Section />} />;
            })}
            <Route path="*" element={<NotAllowed />} />
          </Routes>
        </Suspense>
      </div>
    </div>
  );
}
