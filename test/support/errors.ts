import { isAppError } from '../../src/platform/errors/index.js';

/** The error code a synchronous call throws: 'no error' or 'not an AppError' otherwise. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isAppError(e) ? e.code : 'not an AppError';
  }
  return 'no error';
}
