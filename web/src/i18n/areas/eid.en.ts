import type { Shape } from '../shape.js';
import type { eidVi } from './eid.vi.js';

export const eidEn: Shape<typeof eidVi> = {
  signIn: 'Sign in with the national e-ID ({{provider}})',
  or: 'or',
  hint: 'For citizens: confirm who you are in the national e-ID app, no separate password needed.',
  errorTitle: 'Sign-in with the e-ID failed',
  dismiss: 'Close the message',
  unknownError: 'Sign-in with the e-ID did not succeed. Please try again.',
  errors: {
    IDENTITY_EID_NOT_CONFIGURED: 'Sign-in with the national e-ID is not enabled on this system.',
    IDENTITY_EID_NEXT_INVALID: 'The return address is invalid: only a path within this system is accepted.',
    IDENTITY_EID_STATE_INVALID: 'The e-ID sign-in attempt is invalid or has expired. Please start again.',
    IDENTITY_EID_CANCELLED: 'You refused or cancelled the sign-in at the e-ID provider.',
    IDENTITY_EID_PROVIDER_ERROR:
      'The e-ID provider could not be reached or gave an invalid answer. Please try again later.',
    IDENTITY_EID_CLAIMS_MISSING:
      'The e-ID provider did not supply the information needed to sign in (the personal identification number).',
    IDENTITY_EID_PERSONAL_ID_INVALID:
      'The personal identification number received from the e-ID provider is invalid (it must be 12 valid digits).',
    IDENTITY_EID_ACCOUNT_DISABLED:
      'The account linked to this e-ID is disabled. Please contact an administrator.',
    IDENTITY_EID_OFFICIAL_ACCOUNT:
      "This personal ID belongs to an official's account, which is never linked by an e-ID sign-in. Sign in with the official account, or contact an administrator.",
    IDENTITY_EID_ACCOUNT_CONFLICT:
      'The citizen account cannot be created because the username reserved for this personal ID is taken. Please contact an administrator.',
    RATE_LIMITED: 'Too many requests, please try again later.',
    INTERNAL: 'An internal error occurred.',
  },
};
