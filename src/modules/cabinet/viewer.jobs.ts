import type { Platform } from '../../platform/platform.js';

/** Placeholder: the jobs that make each version's viewable PDF and extract its text. */
export function registerViewerJobs(_p: Platform): void {}
