/** Placeholder: filled in by its feature. */
export function MinutesPage() {
  return null;
}
