import { MODULES } from '../app.js';
import { seedCalendarDefaults } from '../platform/calendar/defaults.js';
import type { Platform } from '../platform/platform.js';

/**
 * Idempotent demo content: the platform's reference data (the Government's published days off), then
 * every module's demo; returns the lines worth printing (accounts…).
 */
export async function seedDemo(p: Platform): Promise<string[]> {
  await p.db.transaction((tx) => seedCalendarDefaults(tx));
  p.calendar.invalidate();
  const lines: string[] = [];
  for (const m of MODULES) if (m.seedDemo) lines.push(...(await m.seedDemo(p)));
  return lines;
}
