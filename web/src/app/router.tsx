import { createBrowserRouter } from 'react-router';
import { Permissions } from '../api/permissions.js';
import { CabinetPage } from '../features/cabinet/CabinetPage.js';
import { BallotPage } from '../features/cabinet/ballots/BallotPage.js';
import { BallotsPage } from '../features/cabinet/ballots/BallotsPage.js';
import { MeetingPage } from '../features/cabinet/MeetingPage.js';
import { MinutesPage } from '../features/cabinet/followup/MinutesPage.js';
import { TasksPage } from '../features/cabinet/followup/TasksPage.js';
import { DashboardPage } from '../features/cabinet/insights/DashboardPage.js';
import { SearchPage } from '../features/cabinet/insights/SearchPage.js';
import { LiveRoomPage } from '../features/cabinet/live/LiveRoomPage.js';
import { PollPage } from '../features/cabinet/polls/PollPage.js';
import { ComposePage } from '../features/exchange/ComposePage.js';
import { DocumentPage } from '../features/exchange/DocumentPage.js';
import { DocumentsPage } from '../features/exchange/DocumentsPage.js';
import { HubPage } from '../features/exchange/hub/HubPage.js';
import { AgenciesPage } from '../features/identity/admin/AgenciesPage.js';
import { OidcClientsPage } from '../features/identity/admin/OidcClientsPage.js';
import { PeoplePage } from '../features/identity/admin/PeoplePage.js';
import { PersonPage } from '../features/identity/admin/PersonPage.js';
import { RolesPage } from '../features/identity/admin/RolesPage.js';
import { MfaEnrolPage } from '../features/identity/mfa/MfaEnrolPage.js';
import { ProfilePage } from '../features/identity/profile/ProfilePage.js';
import { SignInPage } from '../features/identity/SignInPage.js';
import { HomePage } from '../features/platform/HomePage.js';
import { SigningPage } from '../features/signing/SigningPage.js';
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
        { path: 'cabinet', element: <CabinetPage /> },
        { path: 'cabinet/meetings/:meetingId', element: <MeetingPage /> },
        {
          path: 'cabinet/meetings/:meetingId/papers/:paperId',
          // pdf.js is heavy: fetched on the first paper opened, not with the app.
          lazy: async () => ({
            Component: (await import('../features/cabinet/viewer/PaperViewerPage.js')).PaperViewerPage,
          }),
        },
        { path: 'cabinet/meetings/:meetingId/live', element: <LiveRoomPage /> },
        { path: 'cabinet/meetings/:meetingId/minutes', element: <MinutesPage /> },
        { path: 'cabinet/meetings/:meetingId/polls/:pollId', element: <PollPage /> },
        { path: 'cabinet/ballots', element: <BallotsPage /> },
        { path: 'cabinet/ballots/:ballotId', element: <BallotPage /> },
        { path: 'cabinet/tasks', element: <TasksPage /> },
        { path: 'signing', element: <SigningPage /> },
        { path: 'cabinet/search', element: <SearchPage /> },
        { path: 'cabinet/dashboard', element: <DashboardPage /> },
        { path: 'exchange', element: <DocumentsPage /> },
        { path: 'exchange/documents/:id', element: <DocumentPage /> },
        {
          path: 'exchange/compose',
          element: (
            <RequirePermission permission={Permissions.manageDocuments}>
              <ComposePage />
            </RequirePermission>
          ),
        },
        {
          path: 'exchange/hub',
          element: (
            <RequirePermission permission={Permissions.manageHub}>
              <HubPage />
            </RequirePermission>
          ),
        },
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
        {
          path: 'admin/agencies',
          element: (
            <RequirePermission permission={Permissions.manageAgencies}>
              <AgenciesPage />
            </RequirePermission>
          ),
        },
        {
          path: 'admin/people',
          element: (
            <RequirePermission permission={Permissions.managePeople}>
              <PeoplePage />
            </RequirePermission>
          ),
        },
        {
          path: 'admin/people/:personId',
          element: (
            <RequirePermission permission={Permissions.managePeople}>
              <PersonPage />
            </RequirePermission>
          ),
        },
        {
          path: 'admin/roles',
          element: (
            <RequirePermission permission={Permissions.manageRoles}>
              <RolesPage />
            </RequirePermission>
          ),
        },
        {
          path: 'admin/oidc-clients',
          element: (
            <RequirePermission permission={Permissions.manageOidcClients}>
              <OidcClientsPage />
            </RequirePermission>
          ),
        },
        { path: 'profile', element: <ProfilePage /> },
        { path: 'mfa/enrol', element: <MfaEnrolPage /> },
        { path: 'sign-in', element: <SignInPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
