import type { Meeting } from '../cabinet.api.js';

/** Placeholder: minutes, conclusion notice and tasks of the meeting, from the meeting page. */
export function FollowUpEntry(_props: { meeting: Meeting }) {
  return null;
}
