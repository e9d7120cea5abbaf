import type { Shape } from '../shape.js';
import type { cabinetInsightsVi } from './cabinetInsights.vi.js';

export const cabinetInsightsEn: Shape<typeof cabinetInsightsVi> = {
  title: 'cabinetInsights',
};
