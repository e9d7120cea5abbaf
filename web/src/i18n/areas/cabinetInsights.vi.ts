/** Placeholder area: filled in with its feature. */
export const cabinetInsightsVi = {
  title: 'cabinetInsights',
};
