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

/** The error code of an HTTP answer ('no error' for a success), for tests of routes. */
export function errorCodeOf(res: { statusCode: number; json: <T>() => T }): string {
  if (res.statusCode < 400) return 'no error';
  return res.json<{ error: { code: string } }>().error.code;
}
