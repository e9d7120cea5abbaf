import type { Shape } from '../shape.js';
import type { mfaVi } from './mfa.vi.js';

export const mfaEn: Shape<typeof mfaVi> = {
  title: '',
};
