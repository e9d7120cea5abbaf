import type { Shape } from '../shape.js';
import type { agenciesVi } from './agencies.vi.js';

export const agenciesEn: Shape<typeof agenciesVi> = {
  title: '',
};
