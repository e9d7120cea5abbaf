/**
 * The agencies every installation starts with: the Government, the 17 ministries and ministry-level
 * agencies after the reorganisation of 1 March 2025, the People's Committees of the 34 provinces in force
 * since 1 July 2025, and, retired with their successions so old codes still resolve, the five ministries
 * merged on 1 March 2025 and the People's Committees of the 29 provinces merged on 1 July 2025.
 *
 * Identifier codes (QĐ 20/2020/QĐ-TTg). Known from public sources: 000.00.00.G22 (Government Office),
 * G12 (Ministry of Finance), H41 (Nghệ An), H14 (Cao Bằng); seen on public portals: H20 (Đồng Tháp),
 * H29 (Hồ Chí Minh City), H38 (Lào Cai), H48 (Quảng Ngãi), H55 (Thái Nguyên). The others follow the
 * pattern these share — level-1 codes numbered in alphabetical order of the 22 ministries and ministry-level
 * agencies of 2020 (G01 Công an … G22 Văn phòng Chính phủ) and of the 63 provinces written without
 * diacritics (H01 An Giang … H63 Yên Bái) — and are marked "to verify" until checked against the Government
 * Office's published list. An administrator corrects a code with a rename (the wrong code then still
 * resolves to the agency).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { ensureAdminUnits } from './admin-units.import.js';
import { PROVINCE_MERGER_2025_BASIS, REGISTER_2025_FROM } from './admin-units.data.js';
import { createAgency, mergeAgencies, systemAgencyActor } from './agencies.service.js';
import type { AgencyLevel } from './agencies.model.js';
import { adminUnits, agencies } from './schema.js';

export const GOVERNMENT_OFFICE_CODE = '000.00.00.G22';
/** Placeholder, to verify: the Government's own documents travel under the Government Office's code. */
export const GOVERNMENT_CODE = '000.00.00.G00';

const GOVERNMENT_STRUCTURE_2025_BASIS =
  'Nghị quyết 176/2025/QH15 ngày 18/02/2025 của Quốc hội về cơ cấu tổ chức của Chính phủ';
const MINISTRY_MERGER_2025_FROM = '2025-03-01';

interface SeedAgency {
  code: string;
  nameVi: string;
  nameEn: string;
  shortName: string;
  level: AgencyLevel;
  /** Under the Government (ministries and ministry-level agencies). */
  underGovernment?: boolean;
  adminUnitCode?: string;
}

const ministry = (code: string, nameVi: string, nameEn: string, shortName: string): SeedAgency => ({
  code: `000.00.00.${code}`,
  nameVi,
  nameEn,
  shortName,
  level: 'central',
  underGovernment: true,
});

const GOVERNMENT: SeedAgency = {
  code: GOVERNMENT_CODE,
  nameVi: 'Chính phủ',
  nameEn: 'Government of Viet Nam',
  shortName: 'CP',
  level: 'central',
};

/** The 14 ministries and 3 ministry-level agencies from 1 March 2025 (Nghị quyết 176/2025/QH15). */
const CENTRAL: SeedAgency[] = [
  ministry('G22', 'Văn phòng Chính phủ', 'Government Office', 'VPCP'),
  ministry('G11', 'Bộ Quốc phòng', 'Ministry of National Defence', 'BQP'), // to verify
  ministry('G01', 'Bộ Công an', 'Ministry of Public Security', 'BCA'), // to verify
  ministry('G08', 'Bộ Ngoại giao', 'Ministry of Foreign Affairs', 'BNG'), // to verify
  ministry('G09', 'Bộ Nội vụ', 'Ministry of Home Affairs', 'BNV'), // to verify
  ministry('G15', 'Bộ Tư pháp', 'Ministry of Justice', 'BTP'), // to verify
  ministry('G12', 'Bộ Tài chính', 'Ministry of Finance', 'BTC'),
  ministry('G02', 'Bộ Công Thương', 'Ministry of Industry and Trade', 'BCT'), // to verify
  // to verify: formed from the Ministries of Agriculture and Rural Development (G10) and of Natural
  // Resources and Environment (G13); seeded as the former keeping its code.
  ministry('G10', 'Bộ Nông nghiệp và Môi trường', 'Ministry of Agriculture and Environment', 'BNNMT'),
  ministry('G17', 'Bộ Xây dựng', 'Ministry of Construction', 'BXD'), // to verify
  ministry('G16', 'Bộ Văn hoá, Thể thao và Du lịch', 'Ministry of Culture, Sports and Tourism', 'BVHTTDL'), // to verify
  ministry('G06', 'Bộ Khoa học và Công nghệ', 'Ministry of Science and Technology', 'BKHCN'), // to verify
  ministry('G03', 'Bộ Giáo dục và Đào tạo', 'Ministry of Education and Training', 'BGDĐT'), // to verify
  ministry('G18', 'Bộ Y tế', 'Ministry of Health', 'BYT'), // to verify
  // to verify: formerly the Committee for Ethnic Minority Affairs (Ủy ban Dân tộc, G21).
  ministry('G21', 'Bộ Dân tộc và Tôn giáo', 'Ministry of Ethnic and Religious Affairs', 'BDTTG'),
  ministry('G19', 'Ngân hàng Nhà nước Việt Nam', 'State Bank of Viet Nam', 'NHNN'), // to verify
  ministry('G20', 'Thanh tra Chính phủ', 'Government Inspectorate', 'TTCP'), // to verify
];

/** Ministries merged into another on 1 March 2025: [agency, code of the receiving ministry]. */
const MERGED_MINISTRIES: [SeedAgency, string][] = [
  [
    ministry('G05', 'Bộ Kế hoạch và Đầu tư', 'Ministry of Planning and Investment', 'BKHĐT'), // to verify
    '000.00.00.G12',
  ],
  [
    ministry('G14', 'Bộ Thông tin và Truyền thông', 'Ministry of Information and Communications', 'BTTTT'), // to verify
    '000.00.00.G06',
  ],
  [
    ministry('G04', 'Bộ Giao thông vận tải', 'Ministry of Transport', 'BGTVT'), // to verify
    '000.00.00.G17',
  ],
  [
    ministry(
      'G07',
      'Bộ Lao động - Thương binh và Xã hội',
      'Ministry of Labour, Invalids and Social Affairs',
      'BLĐTBXH',
    ), // to verify
    '000.00.00.G09',
  ],
  [
    ministry('G13', 'Bộ Tài nguyên và Môi trường', 'Ministry of Natural Resources and Environment', 'BTNMT'), // to verify
    '000.00.00.G10',
  ],
];

/**
 * The 63 provinces before 1 July 2025: [H-code, unit code, name, English name, municipality, unit code of
 * the province it belongs to since 1 July 2025]. H-codes to verify except H14, H20, H29, H38, H41, H48,
 * H55 (see above). A new province's People's Committee continues the one of the province whose name it
 * kept (Lào Cai, not Yên Bái, although the new province has Yên Bái's unit code 15); to verify.
 */
const PROVINCES_2020: [string, string, string, string, boolean, string][] = [
  ['H01', '89', 'An Giang', 'An Giang', false, '91'],
  ['H02', '77', 'Bà Rịa - Vũng Tàu', 'Ba Ria - Vung Tau', false, '79'],
  ['H03', '24', 'Bắc Giang', 'Bac Giang', false, '24'],
  ['H04', '06', 'Bắc Kạn', 'Bac Kan', false, '19'],
  ['H05', '95', 'Bạc Liêu', 'Bac Lieu', false, '96'],
  ['H06', '27', 'Bắc Ninh', 'Bac Ninh', false, '24'],
  ['H07', '83', 'Bến Tre', 'Ben Tre', false, '86'],
  ['H08', '52', 'Bình Định', 'Binh Dinh', false, '52'],
  ['H09', '74', 'Bình Dương', 'Binh Duong', false, '79'],
  ['H10', '70', 'Bình Phước', 'Binh Phuoc', false, '75'],
  ['H11', '60', 'Bình Thuận', 'Binh Thuan', false, '68'],
  ['H12', '96', 'Cà Mau', 'Ca Mau', false, '96'],
  ['H13', '92', 'Cần Thơ', 'Can Tho', true, '92'],
  ['H14', '04', 'Cao Bằng', 'Cao Bang', false, '04'],
  ['H15', '48', 'Đà Nẵng', 'Da Nang', true, '48'],
  ['H16', '66', 'Đắk Lắk', 'Dak Lak', false, '66'],
  ['H17', '67', 'Đắk Nông', 'Dak Nong', false, '68'],
  ['H18', '11', 'Điện Biên', 'Dien Bien', false, '11'],
  ['H19', '75', 'Đồng Nai', 'Dong Nai', false, '75'],
  ['H20', '87', 'Đồng Tháp', 'Dong Thap', false, '82'],
  ['H21', '64', 'Gia Lai', 'Gia Lai', false, '52'],
  ['H22', '02', 'Hà Giang', 'Ha Giang', false, '08'],
  ['H23', '35', 'Hà Nam', 'Ha Nam', false, '37'],
  ['H24', '01', 'Hà Nội', 'Hanoi', true, '01'],
  ['H25', '42', 'Hà Tĩnh', 'Ha Tinh', false, '42'],
  ['H26', '30', 'Hải Dương', 'Hai Duong', false, '31'],
  ['H27', '31', 'Hải Phòng', 'Haiphong', true, '31'],
  ['H28', '93', 'Hậu Giang', 'Hau Giang', false, '92'],
  ['H29', '79', 'Hồ Chí Minh', 'Ho Chi Minh', true, '79'],
  ['H30', '17', 'Hoà Bình', 'Hoa Binh', false, '25'],
  ['H31', '33', 'Hưng Yên', 'Hung Yen', false, '33'],
  ['H32', '56', 'Khánh Hoà', 'Khanh Hoa', false, '56'],
  ['H33', '91', 'Kiên Giang', 'Kien Giang', false, '91'],
  ['H34', '62', 'Kon Tum', 'Kon Tum', false, '51'],
  ['H35', '12', 'Lai Châu', 'Lai Chau', false, '12'],
  ['H36', '68', 'Lâm Đồng', 'Lam Dong', false, '68'],
  ['H37', '20', 'Lạng Sơn', 'Lang Son', false, '20'],
  ['H38', '10', 'Lào Cai', 'Lao Cai', false, '15'],
  ['H39', '80', 'Long An', 'Long An', false, '80'],
  ['H40', '36', 'Nam Định', 'Nam Dinh', false, '37'],
  ['H41', '40', 'Nghệ An', 'Nghe An', false, '40'],
  ['H42', '37', 'Ninh Bình', 'Ninh Binh', false, '37'],
  ['H43', '58', 'Ninh Thuận', 'Ninh Thuan', false, '56'],
  ['H44', '25', 'Phú Thọ', 'Phu Tho', false, '25'],
  ['H45', '54', 'Phú Yên', 'Phu Yen', false, '66'],
  ['H46', '44', 'Quảng Bình', 'Quang Binh', false, '44'],
  ['H47', '49', 'Quảng Nam', 'Quang Nam', false, '48'],
  ['H48', '51', 'Quảng Ngãi', 'Quang Ngai', false, '51'],
  ['H49', '22', 'Quảng Ninh', 'Quang Ninh', false, '22'],
  ['H50', '45', 'Quảng Trị', 'Quang Tri', false, '44'],
  ['H51', '94', 'Sóc Trăng', 'Soc Trang', false, '92'],
  ['H52', '14', 'Sơn La', 'Son La', false, '14'],
  ['H53', '72', 'Tây Ninh', 'Tay Ninh', false, '80'],
  ['H54', '34', 'Thái Bình', 'Thai Binh', false, '33'],
  ['H55', '19', 'Thái Nguyên', 'Thai Nguyen', false, '19'],
  ['H56', '38', 'Thanh Hoá', 'Thanh Hoa', false, '38'],
  // Thừa Thiên Huế until 31 December 2024, then Thành phố Huế (same committee, renamed).
  ['H57', '46', 'Huế', 'Hue', true, '46'],
  ['H58', '82', 'Tiền Giang', 'Tien Giang', false, '82'],
  ['H59', '84', 'Trà Vinh', 'Tra Vinh', false, '86'],
  ['H60', '08', 'Tuyên Quang', 'Tuyen Quang', false, '08'],
  ['H61', '86', 'Vĩnh Long', 'Vinh Long', false, '86'],
  ['H62', '26', 'Vĩnh Phúc', 'Vinh Phuc', false, '25'],
  ['H63', '15', 'Yên Bái', 'Yen Bai', false, '15'],
];

/** The 34 provinces since 1 July 2025: unit code → the name it kept (from the 2020 list above). */
const PROVINCES_2025: Record<string, string> = {
  '01': 'Hà Nội',
  '04': 'Cao Bằng',
  '08': 'Tuyên Quang',
  '11': 'Điện Biên',
  '12': 'Lai Châu',
  '14': 'Sơn La',
  '15': 'Lào Cai',
  '19': 'Thái Nguyên',
  '20': 'Lạng Sơn',
  '22': 'Quảng Ninh',
  '24': 'Bắc Ninh',
  '25': 'Phú Thọ',
  '31': 'Hải Phòng',
  '33': 'Hưng Yên',
  '37': 'Ninh Bình',
  '38': 'Thanh Hoá',
  '40': 'Nghệ An',
  '42': 'Hà Tĩnh',
  '44': 'Quảng Trị',
  '46': 'Huế',
  '48': 'Đà Nẵng',
  '51': 'Quảng Ngãi',
  '52': 'Gia Lai',
  '56': 'Khánh Hoà',
  '66': 'Đắk Lắk',
  '68': 'Lâm Đồng',
  '75': 'Đồng Nai',
  '79': 'Hồ Chí Minh',
  '80': 'Tây Ninh',
  '82': 'Đồng Tháp',
  '86': 'Vĩnh Long',
  '91': 'An Giang',
  '92': 'Cần Thơ',
  '96': 'Cà Mau',
};

function peoplesCommittee(
  hCode: string,
  name: string,
  nameEn: string,
  municipality: boolean,
  adminUnitCode: string,
): SeedAgency {
  const kind = municipality ? 'thành phố' : 'tỉnh';
  return {
    code: `000.00.00.${hCode}`,
    nameVi: `Ủy ban nhân dân ${kind} ${name}`,
    nameEn: municipality ? `${nameEn} City People's Committee` : `${nameEn} Provincial People's Committee`,
    shortName: `UBND ${kind} ${name}`,
    level: 'province',
    adminUnitCode,
  };
}

/**
 * The People's Committees in force, and those merged on 1 July 2025 with the code of the receiving one.
 * `municipalities`: unit codes of the provinces in force that are cities (thành phố trực thuộc trung ương),
 * from the administrative units.
 */
export function provincialCommittees(municipalities: ReadonlySet<string>): {
  current: SeedAgency[];
  merged: [SeedAgency, string][];
} {
  const byName = new Map(PROVINCES_2020.map((p) => [p[2], p]));
  const current: SeedAgency[] = [];
  const continuing = new Map<string, string>(); // 2025 unit code → H-code
  for (const [unitCode, name] of Object.entries(PROVINCES_2025)) {
    const p = byName.get(name);
    if (!p) throw new Error(`No 2020 province named ${name}`);
    continuing.set(unitCode, p[0]);
    current.push(peoplesCommittee(p[0], name, p[3], municipalities.has(unitCode), unitCode));
  }
  const merged: [SeedAgency, string][] = [];
  for (const [hCode, unitCode, name, nameEn, municipality, into] of PROVINCES_2020) {
    if (continuing.get(into) === hCode) continue;
    const receiving = continuing.get(into);
    if (!receiving) throw new Error(`No 2025 province ${into}`);
    merged.push([peoplesCommittee(hCode, name, nameEn, municipality, unitCode), `000.00.00.${receiving}`]);
  }
  return { current, merged };
}

export interface SeedAgenciesResult {
  created: number;
  merged: number;
}

/**
 * Creates the agencies above that are missing (by code, current or retired) and records the 2025
 * mergers not yet recorded; idempotent. Imports the administrative units first if there are none.
 * Every change goes through the registry service, so each is validated and audited (actor `system`).
 */
export async function seedAgencies(tx: Executor, now: Date = new Date()): Promise<SeedAgenciesResult> {
  await ensureAdminUnits(tx);
  const actor = systemAgencyActor(now);
  const cities = await tx
    .select({ code: adminUnits.code })
    .from(adminUnits)
    .where(and(eq(adminUnits.type, 'municipality'), isNull(adminUnits.validTo)));
  const provinces = provincialCommittees(new Set(cities.map((c) => c.code)));
  const all = [
    GOVERNMENT,
    ...CENTRAL,
    ...MERGED_MINISTRIES.map(([a]) => a),
    ...provinces.current,
    ...provinces.merged.map(([a]) => a),
  ];
  const rows = await tx
    .select({ id: agencies.id, code: agencies.code, validTo: agencies.validTo })
    .from(agencies)
    .where(
      inArray(
        agencies.code,
        all.map((a) => a.code),
      ),
    );
  // Prefer the current holder of a code; otherwise any row that had it.
  const known = new Map<string, { id: string; validTo: string | null }>();
  for (const r of rows) if (!known.has(r.code) || r.validTo === null) known.set(r.code, r);

  let created = 0;
  const ensure = async (a: SeedAgency): Promise<void> => {
    if (known.has(a.code)) return;
    const government = known.get(GOVERNMENT_CODE);
    const agency = await createAgency(tx, actor, {
      code: a.code,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      shortName: a.shortName,
      level: a.level,
      parentId: a.underGovernment && government?.validTo === null ? government.id : null,
      adminUnitCode: a.adminUnitCode ?? null,
    });
    known.set(a.code, { id: agency.id, validTo: null });
    created++;
  };
  for (const a of all) await ensure(a);

  let merged = 0;
  const merge = async (source: SeedAgency, into: string, date: string, legalBasis: string): Promise<void> => {
    const from = known.get(source.code);
    const to = known.get(into);
    if (!from || !to || from.validTo !== null || to.validTo !== null) return; // done, or changed by hand
    await mergeAgencies(tx, actor, { sourceIds: [from.id], targetId: to.id, date, legalBasis });
    from.validTo = date;
    merged++;
  };
  for (const [a, into] of MERGED_MINISTRIES)
    await merge(a, into, MINISTRY_MERGER_2025_FROM, GOVERNMENT_STRUCTURE_2025_BASIS);
  for (const [a, into] of provinces.merged)
    await merge(a, into, REGISTER_2025_FROM, PROVINCE_MERGER_2025_BASIS);
  return { created, merged };
}
