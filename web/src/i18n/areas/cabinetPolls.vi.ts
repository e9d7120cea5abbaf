export const cabinetPollsVi = {
  title: 'Biểu quyết',
};
