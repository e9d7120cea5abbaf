import type { Shape } from '../shape.js';
import type { cabinetViewerVi } from './cabinetViewer.vi.js';

export const cabinetViewerEn: Shape<typeof cabinetViewerVi> = {
  title: 'cabinetViewer',
};
