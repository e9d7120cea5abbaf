/** Placeholder: filled in by its feature. */
export function LiveRoomPage() {
  return null;
}
