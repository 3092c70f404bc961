import { hash, verify } from '@node-rs/argon2';
import { badRequest } from '../../platform/errors.js';
import { MIN_PASSWORD_LENGTH } from '../../shared/accounts.js';

// argon2id (the library's default algorithm) with OWASP's suggested cost: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export { MIN_PASSWORD_LENGTH };

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

export function assertAcceptablePassword(password: string, email: string | null): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest('weak_password', `A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0] ?? email)) {
    throw badRequest('weak_password', 'A password must not contain the email name');
  }
}
