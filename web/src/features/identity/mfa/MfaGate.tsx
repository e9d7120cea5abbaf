import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../session.js';

/**
 * Holds a half-signed-in person on the step they owe: the second factor on the sign-in page, or set-up on
 * the enrolment page. Nothing else is reachable meanwhile (the server refuses it anyway).
 */
export function MfaGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname, search } = useLocation();
  const pending = session.data?.pending;
  const here = encodeURIComponent(pathname + search);
  if (pending === 'enrol' && pathname !== '/mfa/enrol')
    return <Navigate to={`/mfa/enrol?next=${here}`} replace />;
  if (pending === 'verify' && pathname !== '/sign-in')
    return <Navigate to={`/sign-in?next=${here}`} replace />;
  return <>{children}</>;
}
