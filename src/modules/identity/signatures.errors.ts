import { defineErrors } from '../../platform/errors/index.js';

/** Why a person's signature (a vote, a ballot answer, a ratification) or a device-key enrolment was refused. */
export const SignatureErrors = defineErrors({
  IDENTITY_SIGNATURE_NO_CERTIFICATE: {
    status: 400,
    vi: 'Bạn chưa có chứng thư số còn hiệu lực để ký. Hãy tạo khoá ký trên thiết bị này (trang Ký số) hoặc đăng ký chứng thư số của mình.',
    en: 'You have no valid signing certificate. Create a signing key on this device (Digital signing page) or register your certificate.',
  },
  IDENTITY_SIGNATURE_CERTIFICATE_NOT_FOUND: {
    status: 400,
    vi: 'Chứng thư số dùng để ký không phải của bạn hoặc không tồn tại.',
    en: 'The signing certificate is not yours or does not exist.',
  },
  IDENTITY_SIGNATURE_CERTIFICATE_REVOKED: {
    status: 400,
    vi: 'Chứng thư số dùng để ký đã bị thu hồi.',
    en: 'The signing certificate has been revoked.',
  },
  IDENTITY_SIGNATURE_CERTIFICATE_EXPIRED: {
    status: 400,
    vi: 'Chứng thư số dùng để ký đã hết hạn hoặc chưa có hiệu lực.',
    en: 'The signing certificate has expired or is not valid yet.',
  },
  IDENTITY_SIGNATURE_CERTIFICATE_UNTRUSTED: {
    status: 400,
    vi: 'Chứng thư số dùng để ký không được tin cậy (không do tổ chức chứng thực được tin cậy cấp, không cho phép ký, hoặc không kiểm tra được tình trạng thu hồi).',
    en: 'The signing certificate is not trusted (not issued by a trusted CA, not allowed to sign, or its revocation status cannot be checked).',
  },
  IDENTITY_SIGNATURE_DIGEST_MISMATCH: {
    status: 400,
    vi: 'Dữ liệu được ký không khớp với nội dung cần ký (mã băm SHA-256 hoặc chứng thư khác nhau).',
    en: 'The signed data does not match the content to sign (SHA-256 digest or certificate differ).',
  },
  IDENTITY_SIGNATURE_STALE: {
    status: 400,
    vi: 'Chữ ký đã quá hạn: thời điểm ký lệch quá 10 phút. Hãy ký lại.',
    en: 'The signature is stale: its signing time is more than 10 minutes off. Sign again.',
  },
  IDENTITY_SIGNATURE_BAD_SIGNATURE: {
    status: 400,
    vi: 'Chữ ký số không hợp lệ với chứng thư số đã chọn.',
    en: 'The digital signature does not verify with the chosen certificate.',
  },
  IDENTITY_SIGNATURE_MALFORMED: {
    status: 400,
    vi: 'Dữ liệu ký không đúng định dạng.',
    en: 'The signature data is malformed.',
  },
  IDENTITY_SIGNING_NO_CA: {
    status: 409,
    vi: 'Hệ thống này chưa có CA thử nghiệm nên không cấp được chứng thư cho khoá trên thiết bị. Hãy dùng chứng thư số của bạn trên thiết bị ký số (USB token) qua phần mềm ký, hoặc đăng ký chứng thư số của bạn.',
    en: 'This deployment has no demo CA, so it cannot issue a certificate for a device key. Use your own certificate on a USB token through the signing agent, or register your certificate.',
  },
  IDENTITY_SIGNING_CHALLENGE_INVALID: {
    status: 400,
    vi: 'Mã thử thách đã hết hạn hoặc đã được dùng. Hãy thử lại.',
    en: 'The challenge has expired or was already used. Try again.',
  },
  IDENTITY_SIGNING_KEY_INVALID: {
    status: 400,
    vi: 'Khoá công khai không hợp lệ (cần khoá ECDSA P-256 dạng SPKI).',
    en: 'The public key is not valid (an ECDSA P-256 key as SPKI is required).',
  },
  IDENTITY_SIGNING_PROOF_INVALID: {
    status: 400,
    vi: 'Không chứng minh được việc nắm giữ khoá riêng: chữ ký trên mã thử thách không hợp lệ.',
    en: 'Possession of the private key was not proven: the signature over the challenge does not verify.',
  },
});
