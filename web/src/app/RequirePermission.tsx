import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Permission } from '../api/permissions.js';
import { hasPermission, useSession } from '../features/identity/session.js';
import { ErrorAlert } from './ErrorAlert.js';
import { PageLoader } from './PageLoader.js';
import { ForbiddenPage } from './pages.js';

/** Signed-out visitors go to sign-in (and come back); signed-in people without the permission are told so. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (!hasPermission(session.data, permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
