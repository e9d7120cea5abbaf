import type { Shape } from '../shape.js';
import type { cabinetPapersVi } from './cabinetPapers.vi.js';

export const cabinetPapersEn: Shape<typeof cabinetPapersVi> = {
  title: '',
};
