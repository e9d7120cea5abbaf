/** Placeholder, being built: the person's signing certificates (list, upload, validity). */
export function CertificatesSection() {
  return null;
}
