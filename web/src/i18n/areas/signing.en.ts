import type { Shape } from '../shape.js';
import type { signingVi } from './signing.vi.js';

export const signingEn: Shape<typeof signingVi> = {
  title: 'Digital signing',
};
