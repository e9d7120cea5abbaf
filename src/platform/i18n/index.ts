export { pickLocale, DEFAULT_LOCALE, type Locale, type Bilingual } from './locale.js';
