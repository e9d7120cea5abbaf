import type { Shape } from '../shape.js';
import type { signingVi } from './signing.vi.js';

export const signingEn: Shape<typeof signingVi> = {
  title: 'Digital signing',
  intro:
    'Signing keys sign votes and written opinion ballots. The private key never leaves your device or your USB token.',
  device: {
    title: 'Signing key on this device',
    intro:
      'The browser makes an ECDSA P-256 key pair that cannot be exported and keeps it on this device; the system issues a certificate for it.',
    none: 'This device has no signing key yet.',
    unsupported: 'This browser cannot create signing keys (WebCrypto, IndexedDB).',
    stale: 'The key on this device no longer has a valid certificate (expired or revoked). Create a new key.',
    label: 'A name for this key',
    labelDefault: 'Browser signing key',
    create: 'Create a signing key on this device',
    recreate: 'Create a new key',
    created: 'Signing key created and certificate issued for this device.',
    ready: 'This device is ready to sign.',
    demoNote:
      'The certificate comes from this deployment’s demo CA; in production, use a certificate from a licensed CA on a USB token.',
  },
  certificate: {
    subject: 'Subject',
    issuer: 'Issuer',
    validUntil: 'Valid until',
    fingerprint: 'SHA-256 fingerprint',
    thisDevice: 'This device',
    onToken: 'On USB token',
    sourceCa: 'Demo CA',
    sourceUpload: 'Registered by you',
  },
  list: {
    title: 'My signing certificates',
    label: 'Valid signing certificates',
    empty: 'You have no valid signing certificate.',
  },
  agent: {
    title: 'Signing agent (USB token)',
    intro:
      'If you sign with a certificate on a USB token, install the signing agent on your computer and register the token’s certificate on your Profile page.',
    url: 'Signing agent address',
    urlInvalid: 'The address must be http://127.0.0.1:<port> on this computer.',
    save: 'Save and check',
    check: 'Check again',
    connected: 'Connected: {{name}} {{version}}',
    notFound: 'No signing agent answers at this address.',
    failed: 'The signing agent refused: {{message}}',
    registered: 'Registered',
    notRegistered: 'Not registered in the system',
    noCertificates: 'No certificate on the token.',
  },
  dialog: {
    title: 'Confirm your signature',
    intro: 'Check what you sign. A digital signature counts as your handwritten signature.',
    content: 'What you sign',
    hash: 'SHA-256',
    certificate: 'Signing certificate',
    method: 'Signing with',
    methodDevice: 'the key on this device',
    methodAgent: 'USB token through the signing agent (enter the PIN in the agent)',
    noKey:
      'This device has no key for this certificate. Create a signing key on the Digital signing page or connect your USB token.',
    setUp: 'Open Digital signing',
    hashMismatch: 'The data to sign does not match the hash shown. Not signing.',
    sign: 'Sign',
    cancel: 'Cancel',
    signing: 'Signing…',
    failed: 'Could not sign: {{message}}',
  },
};
