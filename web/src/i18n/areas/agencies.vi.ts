/** Vietnamese strings of the agencies screens (merged into vi.ts under `agencies`). */
export const agenciesVi = {
  title: '',
};
