/**
 * The people API's shapes (zod): they validate requests, type the handlers and write the OpenAPI document.
 * Fields that carry a rule of their own (username, personal ID, enterprise code, phone, dates) are plain
 * bounded strings here, so a malformed value reaches the service and gets its specific coded error.
 */
import { z } from 'zod';
import { GOVERNMENT_OFFICES, LOCALES, PERSON_KINDS, REPRESENTATIVE_ROLES } from './people.model.js';

const text = (max: number) => z.string().max(max);
const id = z.string().max(64);
const day = z.string().max(32).describe('Ngày YYYY-MM-DD / Day YYYY-MM-DD');

export const IdParam = z.object({ id: id.describe('Mã số (UUID) / Id') });

export const AgencyBrief = z.object({ id: z.string(), code: z.string(), nameVi: z.string() });
const PersonBrief = z.object({ id: z.string(), username: z.string(), displayName: z.string() });

export const LockView = z.object({
  failedAttempts: z.number(),
  lockedUntil: z.string().nullable().describe('Thời điểm mở khoá / Unlock time'),
  locked: z.boolean(),
});

export const PersonSummaryView = z.object({
  id: z.string(),
  kind: z.enum(PERSON_KINDS),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  agency: AgencyBrief.nullable().describe('Cơ quan chính / Main agency'),
  roles: z.array(z.string()),
  lock: LockView,
});

export const DelegationView = z.object({
  id: z.string(),
  principal: PersonBrief,
  delegate: PersonBrief,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  revokedAt: z.string().nullable(),
  current: z.boolean(),
});

export const PersonDetailView = PersonSummaryView.omit({ roles: true }).extend({
  locale: z.string(),
  personalId: z.string().nullable(),
  birthDate: z.string().nullable(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  posts: z.array(
    z.object({
      agency: AgencyBrief.extend({ validTo: z.string().nullable() }),
      position: z.string().nullable(),
      positionEn: z.string().nullable(),
      main: z.boolean(),
    }),
  ),
  roles: z.array(
    z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), requiresMfa: z.boolean() }),
  ),
  memberTerms: z.array(
    z.object({
      id: z.string(),
      office: z.enum(GOVERNMENT_OFFICES),
      agency: AgencyBrief.nullable(),
      titleVi: z.string(),
      titleEn: z.string().nullable(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
  actsFor: z
    .array(DelegationView)
    .describe('Người mà người này làm thư ký / Principals this person acts for'),
  delegates: z.array(DelegationView).describe('Thư ký của người này / Their secretaries'),
  businesses: z.array(
    z.object({
      business: z.object({ id: z.string(), enterpriseCode: z.string(), name: z.string() }),
      role: z.enum(REPRESENTATIVE_ROLES),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
    }),
  ),
  mfa: z.object({
    totp: z.boolean(),
    passkeys: z.number(),
    recoveryCodesLeft: z.number(),
    required: z.boolean(),
  }),
});

export const PeopleQuery = z.object({
  q: text(200).optional().describe('Tìm theo tên, tên đăng nhập, thư điện tử (không phân biệt dấu)'),
  kind: z.enum(PERSON_KINDS).optional(),
  agency: id.optional().describe('Cơ quan (id) / Agency id'),
  role: text(40).optional(),
  locked: z.enum(['true', 'false']).optional(),
  active: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Post = z.object({
  agencyId: id,
  position: text(500).nullish(),
  positionEn: text(500).nullish(),
});

export const NewPersonBody = z.object({
  kind: z.enum(PERSON_KINDS),
  username: text(200).optional(),
  displayName: text(500),
  email: text(500).nullish(),
  phone: text(40).nullish(),
  locale: z.enum(LOCALES).optional(),
  active: z.boolean().optional(),
  password: text(1000).nullish().describe('Mật khẩu ban đầu (ít nhất 10 ký tự) / Initial password'),
  roles: z.array(text(40)).max(50).optional(),
  posts: z.array(Post).max(50).optional(),
  mainAgencyId: id.nullish(),
  personalId: text(32).nullish().describe('Số định danh cá nhân, 12 chữ số / Personal ID'),
  birthDate: day.nullish(),
  business: z
    .object({
      enterpriseCode: text(40),
      name: text(500).nullish(),
      address: text(1000).nullish(),
      role: z.enum(REPRESENTATIVE_ROLES).optional(),
    })
    .optional()
    .describe('Doanh nghiệp mà người này đại diện / The business represented'),
});

export const PersonChangeBody = z.object({
  username: text(200).optional(),
  displayName: text(500).optional(),
  email: text(500).nullish(),
  phone: text(40).nullish(),
  locale: z.enum(LOCALES).optional(),
  active: z.boolean().optional(),
  password: text(1000).nullish().describe('Mật khẩu mới; null: bỏ mật khẩu / New password; null removes it'),
  roles: z.array(text(40)).max(50).optional().describe('Toàn bộ vai trò / The full list of roles'),
  mainAgencyId: id.optional(),
  personalId: text(32).nullish(),
  birthDate: day.nullish(),
});

export const PostBody = Post.extend({ main: z.boolean().optional() });

export const MemberTermBody = z.object({
  office: z.enum(GOVERNMENT_OFFICES),
  agencyId: id.nullish().describe('Bộ, cơ quan ngang bộ (Bộ trưởng, Thủ trưởng) / Ministry headed'),
  titleVi: text(1000),
  titleEn: text(1000).nullish(),
  validFrom: day.nullish(),
  validTo: day.nullish(),
});

export const DelegationBody = z.object({
  principalId: id.describe('Người uỷ quyền / Principal'),
  delegateId: id.describe('Thư ký / Delegate'),
  validFrom: day.nullish(),
  validTo: day.nullish(),
});

export const BusinessView = z.object({
  id: z.string(),
  enterpriseCode: z.string(),
  branch: z.boolean(),
  name: z.string(),
  nameEn: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: z.string(),
});

export const BusinessDetailView = BusinessView.extend({
  representatives: z.array(
    z.object({
      person: PersonBrief.extend({ kind: z.enum(PERSON_KINDS) }),
      role: z.enum(REPRESENTATIVE_ROLES),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
});

export const NewBusinessBody = z.object({
  enterpriseCode: text(40).describe('Mã số doanh nghiệp: 10 chữ số, hoặc 10-3 / Enterprise code'),
  name: text(1000),
  nameEn: text(1000).nullish(),
  address: text(2000).nullish(),
});

export const RepresentativeBody = z.object({
  personId: id,
  role: z.enum(REPRESENTATIVE_ROLES),
  validFrom: day.nullish(),
  validTo: day.nullish(),
});
