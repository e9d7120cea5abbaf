import type { PersonDetail } from './people.api.js';

/**
 * Where the person's signing certificates go on their admin page (the certificates work fills this in,
 * e.g. with the profile's CertificatesSection for this person). Nothing until then.
 */
export function PersonCertificatesSlot(_props: { person: PersonDetail }) {
  return null;
}
