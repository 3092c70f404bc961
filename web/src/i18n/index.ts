// Every string the app shows lives in locales/<language>/<namespace>.json: Vietnamese first,
// English second. A feature adds its namespace to NAMESPACES and both files.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'citypulse.language';

// Vite gathers the files at build time: no request per language at run time.
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

function resources() {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, module] of Object.entries(files)) {
    const match = path.match(/\.\/locales\/(\w+)\/([\w-]+)\.json$/);
    if (!match) continue;
    const [, language, namespace] = match as [string, string, string];
    out[language] ??= {};
    out[language][namespace] = module.default;
  }
  return out;
}

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
  return i18next.use(initReactI18next).init({
    resources: resources(),
    lng: language,
    fallbackLng: 'vi',
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
}

export { i18next };
