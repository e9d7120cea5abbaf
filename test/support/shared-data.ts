/**
 * The workplace's reference data (`../shared/data` beside the work tree): the edXML samples of the Government
 * Office's SDK are test input only — they carry no licence, so they are read from there, never copied into the
 * repository. CPDT_SHARED_DATA names another place; a clone elsewhere on the same machine finds /work/shared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './cpdt-process.js';

function sharedDataDir(): string {
  const candidates = [
    process.env['CPDT_SHARED_DATA'],
    path.join(REPO_ROOT, '../shared/data'),
    '/work/shared/data',
  ].filter((c): c is string => !!c);
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'edxml')));
  if (!found)
    throw new Error(
      `The shared reference data (edXML samples) is not at ${candidates.join(' or ')}: set CPDT_SHARED_DATA`,
    );
  return found;
}

/** The folder of the edXML sample messages. */
export const EDXML_SAMPLES = path.join(sharedDataDir(), 'edxml');
