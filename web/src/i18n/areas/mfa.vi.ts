/** Vietnamese strings of the mfa screens (merged into vi.ts under `mfa`). */
export const mfaVi = {
  title: '',
};
