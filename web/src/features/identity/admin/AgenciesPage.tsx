import { ComingSoonPage } from '../../../app/pages.js';

/** Placeholder, being built. */
export function AgenciesPage() {
  return <ComingSoonPage module="home" />;
}
