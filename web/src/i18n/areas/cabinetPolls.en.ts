import type { Shape } from '../shape.js';
import type { cabinetPollsVi } from './cabinetPolls.vi.js';

export const cabinetPollsEn: Shape<typeof cabinetPollsVi> = {
  title: 'Votes',
};
