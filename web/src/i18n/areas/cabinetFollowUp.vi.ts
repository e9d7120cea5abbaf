/** Placeholder area: filled in with its feature. */
export const cabinetFollowUpVi = {
  title: 'cabinetFollowUp',
};
