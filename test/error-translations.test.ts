// Every error code the API can return has its sentence in every language of the web app, so
// that nobody reads the server's English in the Vietnamese interface (issue 19, point 1).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiErrorCodes } from './api-error-codes.js';

const LANGUAGES = ['vi', 'en'] as const;

function errorsFile(language: string): { codes: Record<string, string>; status: Record<string, string> } {
  return JSON.parse(readFileSync(`web/src/i18n/locales/${language}/errors.json`, 'utf8'));
}

describe('error translations', () => {
  const { codes, unknown } = apiErrorCodes();

  it('finds the codes the API throws, including those of the HTTP layer', () => {
    expect(unknown, 'computed codes: list their values in test/api-error-codes.ts').toEqual([]);
    for (const code of ['invalid_phone', 'invalid_code', 'invalid_credentials', 'validation_failed', 'not_found']) {
      expect(codes).toContain(code);
    }
    expect(codes.size).toBeGreaterThan(60);
  });

  for (const language of LANGUAGES) {
    it(`says every API error code in ${language}`, () => {
      const file = errorsFile(language);
      const missing = [...codes].filter((code) => !file.codes[code]?.trim()).sort();
      expect(missing, `codes without a sentence in ${language}/errors.json`).toEqual([]);
      for (const status of ['400', '401', '403', '404', '409', '429', '500']) expect(file.status[status]).toBeTruthy();
    });
  }

  it('has the same keys in both languages and no sentence left in English in Vietnamese', () => {
    const vi = errorsFile('vi');
    const en = errorsFile('en');
    expect(Object.keys(vi.codes).sort()).toEqual(Object.keys(en.codes).sort());
    const sameAsEnglish = Object.keys(vi.codes).filter((code) => vi.codes[code] === en.codes[code]);
    expect(sameAsEnglish).toEqual([]);
  });
});
