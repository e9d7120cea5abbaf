import { MODULES } from '../app.js';
import type { Platform } from '../platform/platform.js';

/** Idempotent demo content from every module; returns the lines worth printing (accounts…). */
export async function seedDemo(p: Platform): Promise<string[]> {
  const lines: string[] = [];
  for (const m of MODULES) if (m.seedDemo) lines.push(...(await m.seedDemo(p)));
  return lines;
}
