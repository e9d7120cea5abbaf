/** Vietnamese strings of the e-Cabinet screens (merged into vi.ts under `cabinet`). */
export const cabinetVi = {
  title: '',
};
