import { ComingSoonPage } from '../../../app/pages.js';

/** Placeholder, being built. */
export function RolesPage() {
  return <ComingSoonPage module="home" />;
}
