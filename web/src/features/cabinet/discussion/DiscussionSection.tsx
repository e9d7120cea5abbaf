/** Placeholder: the meeting's discussion threads and members' opinions, by agenda item. */
export function DiscussionSection(_props: { meetingId: string }) {
  return null;
}
