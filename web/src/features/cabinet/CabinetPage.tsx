import { ComingSoonPage } from '../../app/pages.js';

/** Placeholder, being built: my meetings (and the office's). */
export function CabinetPage() {
  return <ComingSoonPage module="cabinet" />;
}
