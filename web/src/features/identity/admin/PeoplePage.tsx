import { ComingSoonPage } from '../../../app/pages.js';

/** Placeholder, being built. */
export function PeoplePage() {
  return <ComingSoonPage module="home" />;
}
