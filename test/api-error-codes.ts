// Every error code the API can answer with, read from the source: the domain-error helpers of
// src/platform/errors.ts, `new AppError(status, code, …)`, and the codes the HTTP layer writes
// itself (validation, Fastify's own 4xx, not found, 500). The web app must say each one in
// every language (test/error-translations.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Where the code is the first argument, and where it is the second (with its default). */
const CODE_FIRST = ['badRequest', 'conflict', 'unprocessable'];
const CODE_SECOND: Record<string, string> = {
  notFound: 'not_found',
  forbidden: 'forbidden',
  unauthorized: 'unauthenticated',
};

/**
 * Calls whose code is computed: each is listed here with every value it can take, so that a
 * new computed code fails the test until it is written down.
 */
const COMPUTED: Record<string, string[]> = {
  'src/modules/dashboard/scope.ts:`unknown_${field}`': ['unknown_category', 'unknown_agency', 'unknown_area'],
  'src/modules/routing/overrides.ts:error': ['unknown_category', 'unknown_area'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The arguments of the call whose opening parenthesis is at `open`, split at top-level commas. */
function argumentsAt(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const char = text[i] as string;
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return args.filter((arg) => arg !== '');
      }
    } else if (char === ',' && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  throw new Error('unbalanced call');
}

const LITERAL = /^'([a-z0-9_]+)'$/;

export interface ErrorCodes {
  codes: Set<string>;
  /** Computed codes not listed in COMPUTED: "file:expression". */
  unknown: string[];
}

export function apiErrorCodes(root = 'src'): ErrorCodes {
  const codes = new Set<string>();
  const unknown: string[] = [];
  const take = (file: string, expression: string | undefined, fallback?: string) => {
    if (expression === undefined) {
      if (fallback) codes.add(fallback);
      return;
    }
    const literal = LITERAL.exec(expression);
    if (literal?.[1]) return codes.add(literal[1]);
    const listed = COMPUTED[`${file}:${expression}`];
    if (listed) for (const code of listed) codes.add(code);
    else unknown.push(`${file}:${expression}`);
  };
  for (const path of sourceFiles(root)) {
    const file = relative('.', path);
    if (file.endsWith('platform/errors.ts')) continue; // the helpers themselves
    const text = readFileSync(path, 'utf8');
    const calls =
      /\b(badRequest|conflict|unprocessable|notFound|forbidden|unauthorized|tooManyRequests|new AppError)\(/g;
    for (const match of text.matchAll(calls)) {
      const name = match[1] as string;
      const before = text.slice(Math.max(0, match.index - 20), match.index);
      if (/(const|function)\s+$/.test(before)) continue; // the helper's own definition
      const args = argumentsAt(text, match.index + match[0].length - 1);
      if (name === 'tooManyRequests') codes.add('rate_limited');
      else if (name === 'new AppError') take(file, args[1]);
      else if (CODE_FIRST.includes(name)) take(file, args[0]);
      else take(file, args[1], CODE_SECOND[name]);
    }
    // codes the HTTP layer writes into an answer itself
    for (const match of text.matchAll(/error: \{ code: '([a-z0-9_]+)'/g)) codes.add(match[1] as string);
    if (file.endsWith('platform/http/errors.ts')) {
      for (const match of text.matchAll(/FST_[A-Z_]+: '([a-z0-9_]+)'/g)) codes.add(match[1] as string);
      for (const match of text.matchAll(/\?\? '([a-z0-9_]+)'/g)) codes.add(match[1] as string);
    }
  }
  return { codes, unknown };
}
