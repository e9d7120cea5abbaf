import { ComingSoonPage } from '../../../app/pages.js';

/** Placeholder, being built. */
export function PersonPage() {
  return <ComingSoonPage module="home" />;
}
