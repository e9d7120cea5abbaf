import type { Shape } from '../shape.js';
import type { cabinetDiscussionVi } from './cabinetDiscussion.vi.js';

export const cabinetDiscussionEn: Shape<typeof cabinetDiscussionVi> = {
  title: 'cabinetDiscussion',
};
