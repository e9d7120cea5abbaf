/** Placeholder: filled in by its feature. */
export function TasksPage() {
  return null;
}
