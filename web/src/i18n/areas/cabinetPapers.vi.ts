/** Vietnamese strings of the e-Cabinet screens (merged into vi.ts under `cabinetPapers`). */
export const cabinetPapersVi = {
  title: '',
};
