/** Vietnamese strings of the eid screens (merged into vi.ts under `eid`). */
export const eidVi = {
  title: '',
};
