import type { Meeting } from '../cabinet.api.js';

/** Placeholder: the way into the live meeting room from the meeting page. */
export function LiveRoomEntry(_props: { meeting: Meeting }) {
  return null;
}
