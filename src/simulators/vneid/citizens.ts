/**
 * The simulator's citizens: what a national e-ID provider knows about a person. Their personal
 * identification numbers pass CPĐT's check (province code, century and sex digit, birth year agreeing with
 * the birth date); `sub` is an opaque, stable identifier that is deliberately NOT the personal ID, as at real
 * identity providers, so CPĐT must link accounts by the `personal_id` claim and remember the subject.
 */
export interface SimulatedCitizen {
  /** Stable subject identifier at this provider. */
  sub: string;
  /** Số định danh cá nhân (12 digits; tests may give an invalid one on purpose). */
  personalId: string;
  name: string;
  /** YYYY-MM-DD */
  birthdate: string;
  gender: 'male' | 'female';
  phone: string;
  email: string;
  address: { formatted: string; street_address: string; locality: string; region: string; country: 'VN' };
}

/** Every demo citizen signs in with this password on the simulator's page (or is simply picked). */
export const SIMULATOR_PASSWORD = 'Demo@2026';

export const DEMO_CITIZENS: readonly SimulatedCitizen[] = [
  {
    sub: 'vneid-8f3c2a71-5d0e-4c1b-9a3e-1c2d3e4f5a01',
    personalId: '001190012345',
    name: 'Trần Thị Bích Ngọc',
    birthdate: '1990-03-15',
    gender: 'female',
    phone: '+84912000101',
    email: 'ngoc.tran@example.vn',
    address: {
      formatted: 'Số 12 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội',
      street_address: 'Số 12 phố Hàng Bạc',
      locality: 'Phường Hoàn Kiếm',
      region: 'Thành phố Hà Nội',
      country: 'VN',
    },
  },
  {
    sub: 'vneid-2b7d9e44-0a6f-4e2c-8b1d-2d3e4f5a6b02',
    personalId: '079085004567',
    name: 'Lê Văn Hùng',
    birthdate: '1985-11-02',
    gender: 'male',
    phone: '+84903000202',
    email: 'hung.le@example.vn',
    address: {
      formatted: 'Số 45 đường Lê Lợi, phường Sài Gòn, Thành phố Hồ Chí Minh',
      street_address: 'Số 45 đường Lê Lợi',
      locality: 'Phường Sài Gòn',
      region: 'Thành phố Hồ Chí Minh',
      country: 'VN',
    },
  },
  {
    sub: 'vneid-c4e1f0b2-7a3d-4f5e-9c2b-3e4f5a6b7c03',
    personalId: '048201003210',
    name: 'Phạm Minh Đức',
    birthdate: '2001-07-20',
    gender: 'male',
    phone: '+84935000303',
    email: 'duc.pham@example.vn',
    address: {
      formatted: 'Số 8 đường Bạch Đằng, phường Hải Châu, thành phố Đà Nẵng',
      street_address: 'Số 8 đường Bạch Đằng',
      locality: 'Phường Hải Châu',
      region: 'Thành phố Đà Nẵng',
      country: 'VN',
    },
  },
  {
    sub: 'vneid-5a9b3c7d-1e2f-4a6b-8c9d-4f5a6b7c8d04',
    personalId: '038168000789',
    name: 'Nguyễn Thị Hoa',
    birthdate: '1968-01-30',
    gender: 'female',
    phone: '+84916000404',
    email: 'hoa.nguyen@example.vn',
    address: {
      formatted: 'Số 20 đường Trần Phú, phường Hạc Thành, tỉnh Thanh Hoá',
      street_address: 'Số 20 đường Trần Phú',
      locality: 'Phường Hạc Thành',
      region: 'Tỉnh Thanh Hoá',
      country: 'VN',
    },
  },
  {
    sub: 'vneid-9d0e1f2a-3b4c-4d5e-a6f7-5a6b7c8d9e05',
    personalId: '031095006543',
    name: 'Hoàng Anh Tuấn',
    birthdate: '1995-09-09',
    gender: 'male',
    phone: '+84904000505',
    email: 'tuan.hoang@example.vn',
    address: {
      formatted: 'Số 3 phố Điện Biên Phủ, phường Hồng Bàng, thành phố Hải Phòng',
      street_address: 'Số 3 phố Điện Biên Phủ',
      locality: 'Phường Hồng Bàng',
      region: 'Thành phố Hải Phòng',
      country: 'VN',
    },
  },
  {
    sub: 'vneid-e6f7a8b9-c0d1-4e2f-b3a4-6b7c8d9e0f06',
    personalId: '092303001122',
    name: 'Vũ Ngọc Lan Anh',
    birthdate: '2003-05-12',
    gender: 'female',
    phone: '+84939000606',
    email: 'lananh.vu@example.vn',
    address: {
      formatted: 'Số 27 đường Hai Bà Trưng, phường Ninh Kiều, thành phố Cần Thơ',
      street_address: 'Số 27 đường Hai Bà Trưng',
      locality: 'Phường Ninh Kiều',
      region: 'Thành phố Cần Thơ',
      country: 'VN',
    },
  },
];

/** The claims the provider may release, grouped by the OIDC scope that releases them. */
export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  profile: ['name', 'birthdate', 'gender', 'personal_id'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
} as const;

export function claimsOf(c: SimulatedCitizen): Record<string, unknown> {
  return {
    sub: c.sub,
    name: c.name,
    birthdate: c.birthdate,
    gender: c.gender,
    personal_id: c.personalId,
    email: c.email,
    email_verified: true,
    phone_number: c.phone,
    phone_number_verified: true,
    address: c.address,
  };
}
