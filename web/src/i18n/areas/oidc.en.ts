import type { Shape } from '../shape.js';
import type { oidcVi } from './oidc.vi.js';

export const oidcEn: Shape<typeof oidcVi> = {
  title: '',
};
