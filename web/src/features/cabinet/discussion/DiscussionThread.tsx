/** Placeholder: one discussion thread, on an agenda item or on a paper. */
export function DiscussionThread(_props: { meetingId: string; agendaItemId?: string; paperId?: string }) {
  return null;
}
