export const signingVi = {
  title: 'Ký số',
};
