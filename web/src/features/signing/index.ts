export { SignDialog, type SignDialogProps } from './SignDialog.js';
export {
  useSigner,
  useSigningKeys,
  type SignRequest,
  type SignResult,
  type SigningCertificate,
} from './useSigner.js';
export { groupedHex, sha256Hex } from './deviceKey.js';
