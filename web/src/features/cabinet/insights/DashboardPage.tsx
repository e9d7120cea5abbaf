/** Placeholder: filled in by its feature. */
export function DashboardPage() {
  return null;
}
