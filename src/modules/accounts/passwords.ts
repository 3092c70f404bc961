import { hash, verify } from '@node-rs/argon2';
import { badRequest } from '../../platform/errors.js';
import { MIN_PASSWORD_DISTINCT_CHARACTERS, MIN_PASSWORD_LENGTH } from '../../shared/accounts.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

// argon2id (the library's default algorithm) with OWASP's suggested cost: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export { MIN_PASSWORD_DISTINCT_CHARACTERS, MIN_PASSWORD_LENGTH };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of a random password, verified against when the account does not exist so that timing does not tell. */
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    decoyHash ??= hashPassword(`decoy-${Math.random()}`);
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/** The word a guesser would start from: lower case, digits and symbols around it removed. */
const baseWord = (password: string) => password.toLowerCase().replace(/^[\d\W_]+|[\d\W_]+$/g, '');

/** Every place a password is set (created, first change, change) asks this first. */
export function assertAcceptablePassword(password: string, email: string | null): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest('weak_password', `A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  // "aaaaaaaaaaaa", "121212121212", "abcabcabcabc": long, yet guessed at once
  if (new Set(password).size < MIN_PASSWORD_DISTINCT_CHARACTERS) {
    throw badRequest(
      'weak_password',
      `A password needs at least ${MIN_PASSWORD_DISTINCT_CHARACTERS} different characters`,
    );
  }
  const lower = password.toLowerCase();
  const base = baseWord(password);
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(base) || /^\d+$/.test(password)) {
    throw badRequest('weak_password', 'This password is one of the first that guessers try; choose another');
  }
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0] ?? email)) {
    throw badRequest('weak_password', 'A password must not contain the email name');
  }
}
