import type { Shape } from '../shape.js';
import type { cabinetBallotsVi } from './cabinetBallots.vi.js';

export const cabinetBallotsEn: Shape<typeof cabinetBallotsVi> = {
  title: 'Opinion ballots',
};
