/** Placeholder area: filled in with its feature. */
export const cabinetViewerVi = {
  title: 'cabinetViewer',
};
