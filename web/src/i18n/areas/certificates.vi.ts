/** Vietnamese strings of the certificates screens (merged into vi.ts under `certificates`). */
export const certificatesVi = {
  title: '',
};
