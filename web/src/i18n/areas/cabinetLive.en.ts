import type { Shape } from '../shape.js';
import type { cabinetLiveVi } from './cabinetLive.vi.js';

export const cabinetLiveEn: Shape<typeof cabinetLiveVi> = {
  title: 'cabinetLive',
};
