export const cabinetBallotsVi = {
  title: 'Phiếu lấy ý kiến',
};
