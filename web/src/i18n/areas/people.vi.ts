/** Vietnamese strings of the people screens (merged into vi.ts under `people`). */
export const peopleVi = {
  title: '',
};
