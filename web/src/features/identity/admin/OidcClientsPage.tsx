import { ComingSoonPage } from '../../../app/pages.js';

/** Placeholder, being built. */
export function OidcClientsPage() {
  return <ComingSoonPage module="home" />;
}
