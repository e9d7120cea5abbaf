import type { Shape } from '../shape.js';
import type { certificatesVi } from './certificates.vi.js';

export const certificatesEn: Shape<typeof certificatesVi> = {
  title: '',
};
