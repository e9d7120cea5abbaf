/**
 * The platform's notion of "now". Deadlines, reminders and job schedules read this clock, never
 * Date.now() directly, so tests (and a demo) can move time forward and watch escalations happen.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Real time moved by a fixed offset (CPDT_CLOCK_OFFSET_MS): a drill "40 days from now" on a live system. */
export function offsetClock(offsetMs: number): Clock {
  return offsetMs === 0 ? systemClock : { now: () => new Date(Date.now() + offsetMs) };
}

export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = at.getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
