import type { Shape } from '../shape.js';
import type { cabinetFollowUpVi } from './cabinetFollowUp.vi.js';

export const cabinetFollowUpEn: Shape<typeof cabinetFollowUpVi> = {
  title: 'cabinetFollowUp',
};
