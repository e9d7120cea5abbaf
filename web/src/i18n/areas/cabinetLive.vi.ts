/** Placeholder area: filled in with its feature. */
export const cabinetLiveVi = {
  title: 'cabinetLive',
};
