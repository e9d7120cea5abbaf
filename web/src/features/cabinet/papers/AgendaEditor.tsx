/** Placeholder, being built: the office's agenda and papers editor for one meeting. */
export function AgendaEditor(_props: { meetingId: string }) {
  return null;
}
