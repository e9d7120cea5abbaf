import { createBrowserRouter } from 'react-router';
import { Permissions } from '../api/permissions.js';
import { SignInPage } from '../features/identity/SignInPage.js';
import { HomePage } from '../features/platform/HomePage.js';
import { JobsPage } from '../features/platform/JobsPage.js';
import { OutboxPage } from '../features/platform/OutboxPage.js';
import { Layout } from './Layout.js';
import { ComingSoonPage, NotFoundPage } from './pages.js';
import { RequirePermission } from './RequirePermission.js';

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'cabinet', element: <ComingSoonPage module="cabinet" /> },
        { path: 'exchange', element: <ComingSoonPage module="exchange" /> },
        { path: 'portal', element: <ComingSoonPage module="portal" /> },
        {
          path: 'admin/outbox',
          element: (
            <RequirePermission permission={Permissions.adminOutbox}>
              <OutboxPage />
            </RequirePermission>
          ),
        },
        {
          path: 'admin/jobs',
          element: (
            <RequirePermission permission={Permissions.adminJobs}>
              <JobsPage />
            </RequirePermission>
          ),
        },
        { path: 'sign-in', element: <SignInPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
