import type { Shape } from '../shape.js';
import type { peopleVi } from './people.vi.js';

export const peopleEn: Shape<typeof peopleVi> = {
  title: '',
};
