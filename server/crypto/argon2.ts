/**
 * argon2id for every secret the server keeps (passwords now, security answers later).
 * Parameters: OWASP's first recommended argon2id set (19 MiB, 2 passes, 1 lane).
 */
import { hash, verify } from '@node-rs/argon2';

const PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// @node-rs/argon2 defaults to argon2id; stated anyway so that a library change cannot weaken it.
const ARGON2ID = 2;

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, { ...PARAMETERS, algorithm: ARGON2ID });
}

export async function verifySecret(encoded: string, secret: string): Promise<boolean> {
  try {
    return await verify(encoded, secret);
  } catch {
    // A corrupt stored hash proves nothing: treat it as a mismatch rather than a server error.
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a hash of a random secret, for user IDs that do not exist: the answer takes
 * as long as a real check, so timing does not tell whether a user ID exists.
 */
export async function verifyAgainstDummy(secret: string): Promise<false> {
  dummy ??= hashSecret(crypto.randomUUID());
  await verifySecret(await dummy, secret);
  return false;
}
