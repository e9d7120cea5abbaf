/** Placeholder area: filled in with its feature. */
export const cabinetDiscussionVi = {
  title: 'cabinetDiscussion',
};
