import type { Shape } from '../shape.js';
import type { certificatesVi } from './certificates.vi.js';

export const certificatesEn: Shape<typeof certificatesVi> = {
  title: 'Signing certificates',
  intro:
    'Digital certificates (X.509) sign documents and votes. Only certificates that are valid now and allow signing are accepted.',
  listLabel: 'My signing certificates',
  empty: 'You have not registered any certificate yet.',
  noneForPerson: 'This person has not registered any certificate.',
  noName: 'Certificate without a subject name',
  status: {
    valid: 'Valid',
    expired: 'Expired',
    not_yet_valid: 'Not valid yet',
    revoked: 'Revoked',
  },
  fields: {
    issuer: 'Issued by',
    validity: 'Valid',
    serial: 'Serial number',
    key: 'Key',
    fingerprint: 'SHA-256 fingerprint',
    revokedAt: 'Revoked at',
  },
  validity: '{{from}} – {{to}}',
  demoCa: 'Demo CA',
  demoCaTitle:
    "Issued by this deployment's demo CA: for development and demonstrations only, with no legal value.",
  copy: 'Copy',
  copied: 'Copied',
  copyLabel: 'Copy the SHA-256 fingerprint of certificate {{name}}',
  revoke: 'Revoke',
  revokeLabel: 'Revoke certificate {{name}}',
  revokeTitle: 'Revoke this certificate?',
  revokeBody:
    'Certificate “{{name}}” will no longer sign. This cannot be undone; signatures made before are kept.',
  revokeConfirm: 'Revoke certificate',
  cancel: 'Cancel',
  revoked: 'The certificate was revoked.',
  upload: {
    title: 'Register a certificate',
    intro:
      'Choose a certificate file (.pem, .crt, .cer) or paste its PEM text. Upload the certificate only, never a private key.',
    file: 'Certificate file',
    filePlaceholder: 'Choose a .pem, .crt or .cer file',
    fileHint: 'The file’s content appears in the box below.',
    readFailed: 'This file could not be read.',
    pem: 'Certificate (PEM)',
    pemPlaceholder: '-----BEGIN CERTIFICATE-----',
    required: 'Choose a file or paste a certificate.',
    label: 'Label (optional)',
    labelPlaceholder: 'e.g. Work certificate 2026',
    submit: 'Register certificate',
    registered: 'Certificate “{{name}}” registered.',
  },
};
