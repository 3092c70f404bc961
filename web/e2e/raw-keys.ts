// Finds translation keys shown as they are (`states.submitted`, `case:priority.normal`): the
// sign of a missing string or of a namespace not loaded. Looks at the visible text, every
// <option>, and the labels people hear (aria-label, title, alt, placeholder). Text in <code> is
// an identifier shown on purpose.
import type { Page } from 'playwright-core';

/** Words that look like keys but are not: addresses, file names, domains, abbreviations. */
const NOT_KEYS =
  /(\b(e\.g|i\.e)\.|\S+@\S+|https?:\/\/\S+|\b[\w-]+\.(json|geojson|md|png|jpe?g|webp|heic|mp4|webm|mov|m4a|mp3|ogg|csv|xml|example|vn|com|org|gov|net)\b)/gi;
const KEY = /\b(?:[a-z][a-zA-Z-]*:)?[a-z][a-zA-Z]*(?:\.[a-zA-Z_][a-zA-Z0-9_]*)+\b/g;

export function keysInText(text: string): string[] {
  return [...text.replace(NOT_KEYS, ' ').matchAll(KEY)].map((match) => match[0]);
}

export async function rawKeysIn(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    // runs in the page: its globals are the browser's
    interface Element {
      textContent: string | null;
      getAttribute(name: string): string | null;
    }
    const document = (
      globalThis as unknown as {
        document: { body: { innerText: string }; title: string; querySelectorAll(s: string): Iterable<Element> };
      }
    ).document;
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is checked, not hidden nodes'
    const found = [document.body.innerText, document.title];
    for (const option of document.querySelectorAll('option')) found.push(option.textContent ?? '');
    for (const element of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
      for (const name of ['aria-label', 'title', 'alt', 'placeholder']) found.push(element.getAttribute(name) ?? '');
    }
    // identifiers shown on purpose as code (the audit log's action names)
    const code = [...document.querySelectorAll('code')].map((element) => element.textContent ?? '');
    return { found, code };
  });
  const shownAsCode = new Set(texts.code.flatMap(keysInText));
  return [...new Set(texts.found.flatMap(keysInText))].filter((key) => !shownAsCode.has(key));
}
