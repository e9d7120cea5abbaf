import { defineErrors } from '../../platform/errors/index.js';

/** Why a signing certificate was refused or not found. */
export const CertificateErrors = defineErrors({
  IDENTITY_CERTIFICATE_INVALID: {
    status: 400,
    vi: 'Nội dung tải lên không phải là chứng thư số X.509 hợp lệ (định dạng PEM hoặc DER).',
    en: 'The upload is not a valid X.509 certificate (PEM or DER).',
  },
  IDENTITY_CERTIFICATE_EXPIRED: {
    status: 400,
    vi: 'Chứng thư số đã hết hạn.',
    en: 'The certificate has expired.',
  },
  IDENTITY_CERTIFICATE_NOT_YET_VALID: {
    status: 400,
    vi: 'Chứng thư số chưa đến thời điểm có hiệu lực.',
    en: 'The certificate is not valid yet.',
  },
  IDENTITY_CERTIFICATE_KEY_USAGE: {
    status: 400,
    vi: 'Chứng thư số không cho phép ký số (thiếu mục đích sử dụng khoá digitalSignature hoặc nonRepudiation).',
    en: 'The certificate does not allow signing (its key usage has neither digitalSignature nor nonRepudiation).',
  },
  IDENTITY_CERTIFICATE_CA: {
    status: 400,
    vi: 'Đây là chứng thư số của tổ chức chứng thực (CA), không phải chứng thư số ký của cá nhân.',
    en: "This is a certification authority's certificate, not a personal signing certificate.",
  },
  IDENTITY_CERTIFICATE_DUPLICATE: {
    status: 409,
    vi: 'Chứng thư số này đã được đăng ký.',
    en: 'This certificate is already registered.',
  },
  IDENTITY_CERTIFICATE_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy chứng thư số.',
    en: 'The certificate was not found.',
  },
  IDENTITY_CERTIFICATE_PERSON_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy người dùng.',
    en: 'The person was not found.',
  },
  IDENTITY_CERTIFICATE_LABEL_INVALID: {
    status: 400,
    vi: 'Tên gợi nhớ của chứng thư số quá dài (tối đa 100 ký tự).',
    en: 'The certificate label is too long (at most 100 characters).',
  },
});
