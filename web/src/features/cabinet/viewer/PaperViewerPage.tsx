/** Placeholder: filled in by its feature. */
export function PaperViewerPage() {
  return null;
}
