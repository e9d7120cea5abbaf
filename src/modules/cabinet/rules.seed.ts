/**
 * The rule profiles every deployment starts with, dated and citing their legal basis. A figure that comes
 * from a secondary source is marked `verified: false` (see ../shared/reference/ecabinet.md, verification
 * list) so that the data, not the code, changes when the texts are checked.
 */
import { and, desc, eq, isNull, lte, or, gte } from 'drizzle-orm';
import { audit, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { CabinetErrors } from './errors.js';
import type { LegalBasis, MeetingRules } from './model.js';
import { checkRules, LegalBasisSchema } from './rules.js';
import { ruleProfiles } from './schema.js';

export interface RuleProfileSeed {
  code: string;
  nameVi: string;
  nameEn: string;
  validFrom: string;
  validTo: string | null;
  rules: MeetingRules;
  legalBasis: LegalBasis[];
}

export const GOVERNMENT_PROFILE = 'VN-GOV-39/2022';
export const ORDINARY_PROFILE = 'VN-QD45/2018';

export const SEEDED_PROFILES: readonly RuleProfileSeed[] = [
  {
    code: GOVERNMENT_PROFILE,
    nameVi: 'Phiên họp Chính phủ (Quy chế làm việc của Chính phủ, NĐ 39/2022/NĐ-CP)',
    nameEn: 'Government sessions (Government working regulation, Decree 39/2022/ND-CP)',
    validFrom: '2022-06-18',
    validTo: null,
    rules: {
      quorum: { numerator: 2, denominator: 3 },
      pass: { op: '>', numerator: 1, denominator: 2, base: 'total' },
      tieBreak: 'chair_prevails',
      substituteCanVote: false,
      ballotNonResponse: 'not_counted',
      proxyCapture: 'forbidden',
      deadlines: { papersBefore: 5, conclusionAfter: 5, ballotMin: 2, ballotMax: 5 },
    },
    legalBasis: [
      {
        instrument:
          'Luật Tổ chức Chính phủ 2015 (76/2015/QH13): phiên họp cần ít nhất 2/3 tổng số thành viên; quyết định ' +
          'khi quá nửa tổng số thành viên biểu quyết tán thành; ngang nhau thì theo bên có ý kiến Thủ tướng',
        articles: ['Điều 46'],
        verified: true,
      },
      {
        instrument:
          'Luật Tổ chức Chính phủ 2025 (63/2025/QH15): giữ nguyên tỷ lệ 2/3 và quá nửa tổng số (cần kiểm tra)',
        articles: [],
        verified: false,
      },
      {
        instrument:
          'Nghị định 39/2022/NĐ-CP Quy chế làm việc của Chính phủ: tài liệu gửi trước ít nhất 05 ngày làm việc; ' +
          'thông báo kết luận trong 05 ngày làm việc; phiếu lấy ý kiến trả lời trong 02–05 ngày làm việc',
        articles: [],
        verified: false,
      },
      {
        instrument: 'Nghị định 138/2016/NĐ-CP: tài liệu phiên họp gửi trước ít nhất 05 ngày làm việc',
        articles: ['Điều 27'],
        verified: true,
      },
      {
        instrument:
          'Thành viên vắng mặt có thể cử người dự thay; người dự thay không biểu quyết (văn bản 2026, cần kiểm tra)',
        articles: [],
        verified: false,
      },
      {
        instrument:
          'Không trả lời phiếu lấy ý kiến: hiện không tính. Một nghị định năm 2026 (191/2026/NĐ-CP?) được cho là ' +
          'coi như đồng ý — chưa kiểm chứng, khi xác nhận thì đổi ballotNonResponse thành deemed_agree',
        articles: ['Điều 17 (?)'],
        verified: false,
      },
    ],
  },
  {
    code: ORDINARY_PROFILE,
    nameVi: 'Cuộc họp trong hoạt động quản lý, điều hành (QĐ 45/2018/QĐ-TTg)',
    nameEn: 'Ordinary administrative meetings (Decision 45/2018/QD-TTg)',
    validFrom: '2018-11-09',
    validTo: null,
    rules: {
      // Quorum, pass and substitutes are not set by QĐ 45: sensible defaults, marked unverified below.
      quorum: { numerator: 1, denominator: 2 },
      pass: { op: '>', numerator: 1, denominator: 2, base: 'present' },
      tieBreak: 'chair_prevails',
      substituteCanVote: false,
      ballotNonResponse: 'not_counted',
      proxyCapture: 'forbidden',
      deadlines: { papersBefore: 3, conclusionAfter: 5, ballotMin: 2, ballotMax: 5 },
    },
    legalBasis: [
      {
        instrument:
          'Quyết định 45/2018/QĐ-TTg quy định chế độ họp trong hoạt động quản lý, điều hành: tài liệu gửi ' +
          'trước ít nhất 03 ngày làm việc; thông báo kết luận trong 05 ngày làm việc',
        articles: ['Điều 4', 'Điều 10'],
        verified: true,
      },
      {
        instrument:
          'Túc số, tỷ lệ thông qua, người dự thay: giá trị mặc định của hệ thống, không do QĐ 45 quy định',
        articles: [],
        verified: false,
      },
    ],
  },
];

/** Stores the seeded profiles that are missing (never overwrites an edited one). Idempotent. */
export async function ensureRuleProfiles(tx: Executor): Promise<void> {
  for (const p of SEEDED_PROFILES) {
    const [inserted] = await tx
      .insert(ruleProfiles)
      .values({
        code: p.code,
        nameVi: p.nameVi,
        nameEn: p.nameEn,
        validFrom: p.validFrom,
        validTo: p.validTo,
        rules: checkRules(p.rules),
        legalBasis: LegalBasisSchema.parse(p.legalBasis),
      })
      .onConflictDoNothing()
      .returning({ id: ruleProfiles.id });
    if (inserted)
      await audit(tx, SYSTEM_CONTEXT, {
        action: 'cabinet.ruleProfile.create',
        objectType: 'cabinet_rule_profile',
        objectId: inserted.id,
        after: { code: p.code, validFrom: p.validFrom, rules: p.rules },
      });
  }
}

export type RuleProfileRow = typeof ruleProfiles.$inferSelect;

/** The profile with this code in force on `day` (YYYY-MM-DD); CABINET_RULE_PROFILE_NOT_FOUND otherwise. */
export async function profileInForce(tx: Executor, code: string, day: string): Promise<RuleProfileRow> {
  await ensureRuleProfiles(tx);
  const [row] = await tx
    .select()
    .from(ruleProfiles)
    .where(
      and(
        eq(ruleProfiles.code, code),
        lte(ruleProfiles.validFrom, day),
        or(isNull(ruleProfiles.validTo), gte(ruleProfiles.validTo, day)),
      ),
    )
    .orderBy(desc(ruleProfiles.validFrom))
    .limit(1);
  if (!row) throw new AppError(CabinetErrors.CABINET_RULE_PROFILE_NOT_FOUND, { code, day });
  return { ...row, rules: checkRules(row.rules) };
}

/** Whether any profile has this code (a body may name a profile only if it exists). */
export async function profileExists(tx: Executor, code: string): Promise<boolean> {
  await ensureRuleProfiles(tx);
  const [row] = await tx
    .select({ id: ruleProfiles.id })
    .from(ruleProfiles)
    .where(eq(ruleProfiles.code, code))
    .limit(1);
  return Boolean(row);
}

/** All profiles, newest first per code (for the admin screens). */
export async function listProfiles(tx: Executor): Promise<RuleProfileRow[]> {
  await ensureRuleProfiles(tx);
  return tx.select().from(ruleProfiles).orderBy(ruleProfiles.code, desc(ruleProfiles.validFrom));
}
