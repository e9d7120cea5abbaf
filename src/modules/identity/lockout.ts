import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from './policy.js';

export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

/**
 * After one more wrong password or one-time code: the counter, and the unlock time once it reaches
 * MAX_FAILED_SIGN_INS. Both factors share one counter, so guessing codes is no cheaper than guessing passwords.
 */
export function afterFailure(state: LockState, now: Date): { failed: number; until: Date | null } {
  const failed = (state.lockedUntil ? 0 : state.failedAttempts) + 1;
  const until = failed >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
  // The count stays at the limit while locked (administrators see why); the next failure after the lock
  // starts again from one.
  return { failed, until };
}

export function remainingAttempts(failed: number): number {
  return MAX_FAILED_SIGN_INS - failed;
}
