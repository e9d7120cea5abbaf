import type { Platform } from '../../platform/platform.js';

/** Placeholder: task reminders and escalations. */
export function registerTaskJobs(_p: Platform): void {}
