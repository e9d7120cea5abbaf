import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.js';
import { vi } from './vi.js';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Vietnamese first: the default, and the fallback for anything missing in another language. */
export const DEFAULT_LANGUAGE: Language = 'vi';

/** The same name for the saved choice and for the cookie the server reads to pick its error language. */
const LANGUAGE_KEY = 'cpdt_lang';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export function isLanguage(value: unknown): value is Language {
  return value === 'vi' || value === 'en';
}

function savedLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage disabled: stay with the default
  }
}

/** Remember the choice, tell the server (cookie) and assistive technology (`<html lang>`). */
function applyLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // storage disabled: the cookie still carries the choice for this session
  }
  document.cookie = `${LANGUAGE_KEY}=${language}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
  document.documentElement.lang = language;
}

export function initI18n(): void {
  const language = savedLanguage();
  // Resources are bundled, so initialisation completes synchronously (initAsync: false).
  void i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  applyLanguage(language);
  i18next.on('languageChanged', (lng) => applyLanguage(isLanguage(lng) ? lng : DEFAULT_LANGUAGE));
}

/** The language on screen and a setter, for components. */
export function useLanguage(): { language: Language; setLanguage: (language: Language) => void } {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  return { language, setLanguage: (next) => void i18n.changeLanguage(next) };
}
