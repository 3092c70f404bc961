// Every string the app shows lives in locales/<language>/<namespace>.json: Vietnamese first,
// English second. A feature adds its namespace to NAMESPACES and both files.
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'citypulse.language';

// Each language's namespace is a file of its own, fetched when a screen first needs it, so
// that the first screen does not carry every screen's text in both languages.
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json');

const lazyFiles: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = files[`./locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`no translations for ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (error: Error) => callback(error, false),
    );
  },
};

export function savedLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'vi';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export function initI18n() {
  const language = savedLanguage();
  document.documentElement.lang = language;
  return i18next
    .use(lazyFiles)
    .use(initReactI18next)
    .init({
      lng: language,
      ns: ['common', 'auth', 'errors'],
      fallbackLng: 'vi',
      defaultNS: 'common',
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
    });
}

export { i18next };
