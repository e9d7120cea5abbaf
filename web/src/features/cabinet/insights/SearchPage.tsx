/** Placeholder: filled in by its feature. */
export function SearchPage() {
  return null;
}
