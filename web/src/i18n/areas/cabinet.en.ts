import type { Shape } from '../shape.js';
import type { cabinetVi } from './cabinet.vi.js';

export const cabinetEn: Shape<typeof cabinetVi> = {
  title: '',
};
