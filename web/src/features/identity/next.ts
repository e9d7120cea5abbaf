import { useNavigate } from 'react-router';

/** Only same-site paths: `?next=//evil.example` must not become an open redirect. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** Paths the server answers itself (the OpenID provider's interaction, API redirects): a full page load. */
const SERVER_PATHS = ['/oidc/', '/api/'];

/** Goes to `next`, leaving the single-page app when the server must answer. */
export function useGoNext(): (next: string) => void {
  const navigate = useNavigate();
  return (next) => {
    if (SERVER_PATHS.some((prefix) => next.startsWith(prefix))) window.location.assign(next);
    else void navigate(next, { replace: true });
  };
}
