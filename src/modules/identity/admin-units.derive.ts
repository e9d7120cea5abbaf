/**
 * Rebuilds the administrative-unit reference files shipped in `reference/admin-units/` from the source
 * data sets (MIT licensed, see the LICENSE files there):
 *
 *   node bin/run-ts.mjs src/modules/identity/admin-units.derive.ts [source folder]
 *
 * The source folder defaults to `../shared/data/admin-units` (units-2025.json, LICENSE-units-2025 and
 * merger-2025/{mapping_splits.json,LICENSE}). The units file is copied as it is (re-indented); the
 * old→new mapping is reduced to the fields the import needs. A successor code missing from the 2025
 * register is matched by its full name inside the successor province when exactly one unit matches
 * (the mapping and the register disagree on a few codes); the corrections are listed in the output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths.js';
import {
  ADMIN_UNITS_REFERENCE_DIR,
  type SuccessorsFile,
  type UnitsFileProvince,
} from './admin-units.data.js';

interface SplitTarget {
  new_id: string;
  name: string;
}
interface MappingSplits {
  data: {
    level1_id: string;
    name: string;
    splits: SplitTarget[];
    level2s?: { level2_id: string; name: string; splits: SplitTarget[] }[];
    level3s: { level3_id: string; name: string; splits: SplitTarget[] }[];
  }[];
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

export function deriveReference(sourceDir: string, outDir = ADMIN_UNITS_REFERENCE_DIR): string[] {
  const notes: string[] = [];
  const units = readJson<UnitsFileProvince[]>(path.join(sourceDir, 'units-2025.json'));
  const splits = readJson<MappingSplits>(path.join(sourceDir, 'merger-2025', 'mapping_splits.json'));

  const current = new Map<string, { fullName: string; provinceCode: string }>();
  for (const p of units)
    for (const w of p.Wards) current.set(w.Code, { fullName: w.FullName, provinceCode: p.Code });
  const provinces = new Set(units.map((p) => p.Code));

  const communeCodes = (province: string, targets: SplitTarget[], old: string): string[] => {
    const out: string[] = [];
    for (const t of targets) {
      if (current.has(t.new_id)) {
        out.push(t.new_id);
        continue;
      }
      const byName = [...current.entries()].filter(
        ([, u]) => u.provinceCode === province && u.fullName.normalize('NFC') === t.name.normalize('NFC'),
      );
      if (byName.length === 1) {
        out.push(byName[0]![0]);
        notes.push(`${old}: successor ${t.new_id} (${t.name}) is ${byName[0]![0]} in the 2025 register`);
      } else {
        notes.push(`${old}: successor ${t.new_id} (${t.name}) not in the 2025 register, left out`);
      }
    }
    return [...new Set(out)];
  };

  const file: SuccessorsFile = { effectiveFrom: '2025-07-01', provinces: [], districts: [], communes: [] };
  for (const p of splits.data) {
    const newProvinces = p.splits.map((s) => s.new_id).filter((c) => provinces.has(c));
    file.provinces.push([p.level1_id, p.name, newProvinces]);
    const successorProvince = newProvinces[0] ?? p.level1_id;
    for (const d of p.level2s ?? [])
      file.districts.push([
        d.level2_id,
        d.name,
        p.level1_id,
        communeCodes(successorProvince, d.splits, d.level2_id),
      ]);
    for (const c of p.level3s)
      file.communes.push([
        c.level3_id,
        c.name,
        p.level1_id,
        communeCodes(successorProvince, c.splits, c.level3_id),
      ]);
  }

  fs.mkdirSync(outDir, { recursive: true });
  // One entry per line: compact, diff-friendly, and already in the shape prettier gives JSON.
  const inline = (v: unknown): string =>
    Array.isArray(v) ? `[${v.map(inline).join(', ')}]` : JSON.stringify(v);
  const lines = (rows: unknown[]) => rows.map((r) => `    ${inline(r)}`).join(',\n');
  const text =
    '{\n' +
    `  "effectiveFrom": ${JSON.stringify(file.effectiveFrom)},\n` +
    `  "provinces": [\n${lines(file.provinces)}\n  ],\n` +
    `  "districts": [\n${lines(file.districts)}\n  ],\n` +
    `  "communes": [\n${lines(file.communes)}\n  ]\n` +
    '}\n';
  fs.writeFileSync(path.join(outDir, 'successors-2025.json'), text);
  fs.writeFileSync(path.join(outDir, 'units-2025.json'), `${JSON.stringify(units, null, 2)}\n`);
  for (const [from, to] of [
    [path.join(sourceDir, 'LICENSE-units-2025'), 'LICENSE-units-2025'],
    [path.join(sourceDir, 'merger-2025', 'LICENSE'), 'LICENSE-merger-2025'],
  ] as const)
    fs.writeFileSync(path.join(outDir, to), fs.readFileSync(from));
  return notes;
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename;
if (invokedDirectly) {
  const source = path.resolve(
    process.argv[2] ?? path.join(PROJECT_ROOT, '..', 'shared', 'data', 'admin-units'),
  );
  for (const note of deriveReference(source)) console.log(note);
  console.log(`written to ${path.relative(process.cwd(), ADMIN_UNITS_REFERENCE_DIR)}`);
}
