// Every screen of the app and where its code lives. Screens past the first are loaded on
// demand so that the first screen stays small (the map and the recorder are heavy).
import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { HomePage } from '../citizen/home/HomePage';
import { SignInPage } from '../citizen/sign-in/SignInPage';
import { CitizenLayout } from './CitizenLayout';
import { NotFoundPage } from './NotFoundPage';
import { RequireSignIn } from './RequireSignIn';

/** A route whose screen is the default export of a module loaded when first visited. */
const screen = (load: () => Promise<{ default: ComponentType }>) => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const router = createBrowserRouter([
  {
    path: '/',
    Component: CitizenLayout,
    children: [
      { index: true, Component: HomePage },
      { path: 'sign-in', Component: SignInPage },
      { path: 'map', ...screen(() => import('../citizen/map/MapPage')) },
      { path: 'cases/:code', ...screen(() => import('../citizen/public-case/PublicCasePage')) },
      { path: 'transparency', ...screen(() => import('../transparency/TransparencyPage')) },
      {
        Component: RequireSignIn,
        children: [
          { path: 'report', ...screen(() => import('../citizen/report/ReportPage')) },
          { path: 'reports', ...screen(() => import('../citizen/my-reports/MyReportsPage')) },
          { path: 'reports/:id', ...screen(() => import('../citizen/my-reports/CasePage')) },
          { path: 'inbox', ...screen(() => import('../citizen/notifications/InboxPage')) },
        ],
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
  {
    // The console's code is loaded only by staff: none of it is in the citizen app's bundle.
    path: '/staff',
    ...screen(() => import('../staff/shell/StaffLayout')),
    children: [
      { index: true, ...screen(() => import('../staff/queue/QueuePage')) },
      { path: 'map', ...screen(() => import('../staff/queue/QueueMapPage')) },
      { path: 'cases/:id', ...screen(() => import('../staff/case/StaffCasePage')) },
      { path: 'agency', ...screen(() => import('../staff/agency/AgencyPage')) },
      { path: 'dashboard', ...screen(() => import('../staff/dashboard/DashboardPage')) },
      { path: 'admin/*', ...screen(() => import('../staff/admin/AdminPage')) },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
