import type { Shape } from '../shape.js';
import type { eidVi } from './eid.vi.js';

export const eidEn: Shape<typeof eidVi> = {
  title: '',
};
