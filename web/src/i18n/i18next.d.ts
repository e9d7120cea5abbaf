import 'i18next';
import type { Messages } from './vi.js';

// Typed keys: t('nav.hom') is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
