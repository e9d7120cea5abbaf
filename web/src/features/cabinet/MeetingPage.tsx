import { ComingSoonPage } from '../../app/pages.js';

/** Placeholder, being built: one meeting. */
export function MeetingPage() {
  return <ComingSoonPage module="cabinet" />;
}
