/** Vietnamese strings of the oidc screens (merged into vi.ts under `oidc`). */
export const oidcVi = {
  title: '',
};
