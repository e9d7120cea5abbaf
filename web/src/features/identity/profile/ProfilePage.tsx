import { ComingSoonPage } from '../../../app/pages.js';

/** Placeholder, being built. */
export function ProfilePage() {
  return <ComingSoonPage module="home" />;
}
