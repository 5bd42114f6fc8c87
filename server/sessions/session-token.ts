import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: the cookie's value. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
