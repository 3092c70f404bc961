// Text that PostgreSQL cannot store is refused at the door, for every route: a NUL character
// (text columns refuse \u0000) and a lone UTF-16 surrogate (no valid UTF-8 for it) are a 400
// naming the field, never a 500 from the database or a silently mangled U+FFFD. Bodies are
// JSON or forms only: the text/plain parser Fastify adds by default would hand a route a
// string where it expects an object.
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.js';

// without the u flag the pattern sees UTF-16 code units, so it can find unpaired halves
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (key or value) in value that PostgreSQL cannot store, if any. */
export function findUnstorableText(value: unknown, path: string): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) return `${path}.${key.replace(UNSTORABLE, '?')}`;
      const found = findUnstorableText(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Throws the 400 for a value that holds text PostgreSQL cannot store. */
export function assertStorableText(value: unknown, path: string): void {
  const found = findUnstorableText(value, path);
  if (found) {
    throw badRequest('invalid_text', `${found} holds a NUL character or a lone surrogate, which cannot be stored`, {
      path: found,
    });
  }
}

export function registerTextInputGuard(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.addHook('preValidation', async (request) => {
    assertStorableText(request.params, 'params');
    assertStorableText(request.query, 'query');
    assertStorableText(request.body, 'body');
  });
}
