/** Vietnamese first; English when the client asks for it. */
export type Locale = 'vi' | 'en';
export const DEFAULT_LOCALE: Locale = 'vi';

export function pickLocale(acceptLanguage: string | undefined, cookie?: string): Locale {
  if (cookie === 'vi' || cookie === 'en') return cookie;
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

/** A text people read, in both languages. */
export interface Bilingual {
  vi: string;
  en: string;
}
