/**
 * Purpose-bound keys derived from the root secret (root-secret.ts) by HKDF-SHA-256: a MAC key
 * per purpose, an AES-256-GCM key per purpose. A subkey serves one purpose only, so a value
 * made for one (an audit link, a TOTP secret) cannot be passed off as another.
 *
 * Every root secret has a key id, a fingerprint derived from it, that goes with what it keys
 * (the audit chain's hashes, each ciphertext): when the secret rotates, the previous ones are
 * kept for reading only, and the id says which one to use. Keys are KeyObjects held in memory;
 * the service prints as its key ids, never as key material.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { inspect } from 'node:util';

/** Everything Sésame MACs. Listed here so that two features cannot share a subkey by accident. */
export const MAC_PURPOSES = ['audit-chain', 'audit-checkpoint'] as const;
export type MacPurpose = (typeof MAC_PURPOSES)[number];

/** Everything Sésame encrypts at rest. */
export const ENCRYPTION_PURPOSES = ['totp-secret', 'pending-password', 'vapid-private-key'] as const;
export type EncryptionPurpose = (typeof ENCRYPTION_PURPOSES)[number];

/** `v1.<keyId>.<iv>.<ciphertext and tag>`, base64url parts. */
const CIPHERTEXT_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT = Buffer.from('sesame key service v1');

export class UnknownKeyError extends Error {
  override name = 'UnknownKeyError';
  constructor(readonly keyId: string) {
    super(`key ${keyId} is not among this instance's keys`);
  }
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

export interface KeyService {
  /** The id of the secret new values are keyed with. */
  readonly keyId: string;
  /** Every id this instance can verify or decrypt with, the current one first. */
  readonly keyIds: readonly string[];
  /** HMAC-SHA-256 (hex) of `data` under the purpose's subkey of `keyId` (the current one by default). */
  mac(purpose: MacPurpose, data: string | Buffer, keyId?: string): string;
  /** Whether `mac` is the MAC of `data` (constant time); an unknown key id throws UnknownKeyError. */
  verifyMac(purpose: MacPurpose, data: string | Buffer, mac: string, keyId?: string): boolean;
  /**
   * AES-256-GCM under the purpose's subkey. `associatedData` binds the ciphertext to where it
   * belongs (e.g. the row's id): decrypting it anywhere else fails.
   */
  encrypt(purpose: EncryptionPurpose, plaintext: string | Buffer, associatedData: string): string;
  /** The plaintext, or DecryptionError (tampered, another purpose or row) / UnknownKeyError. */
  decrypt(purpose: EncryptionPurpose, ciphertext: string, associatedData: string): Buffer;
}

function derive(root: KeyObject, info: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', root, SALT, info, 32)));
}

function keyIdOf(root: KeyObject): string {
  return Buffer.from(hkdfSync('sha256', root, SALT, 'sesame/key-id', 9)).toString('base64url');
}

interface Keyring {
  mac: Map<MacPurpose, KeyObject>;
  encryption: Map<EncryptionPurpose, KeyObject>;
}

function keyringOf(root: KeyObject): Keyring {
  return {
    mac: new Map(MAC_PURPOSES.map((p) => [p, derive(root, `sesame/mac/${p}`)])),
    encryption: new Map(ENCRYPTION_PURPOSES.map((p) => [p, derive(root, `sesame/aes-256-gcm/${p}`)])),
  };
}

/** The version, key id and purpose are authenticated with the caller's data. */
function aad(keyId: string, purpose: EncryptionPurpose, associatedData: string): Buffer {
  return Buffer.from(JSON.stringify([CIPHERTEXT_VERSION, keyId, purpose, associatedData]));
}

/** `current` keys everything new; `previous` secrets (after a rotation) only verify and decrypt. */
export function createKeyService(current: Buffer, previous: readonly Buffer[] = []): KeyService {
  const rings = new Map<string, Keyring>();
  for (const secret of [current, ...previous]) {
    const root = createSecretKey(secret);
    const id = keyIdOf(root);
    if (!rings.has(id)) rings.set(id, keyringOf(root));
  }
  const ids = [...rings.keys()];
  const keyId = ids[0]!;
  const ring = (id: string): Keyring => {
    const found = rings.get(id);
    if (!found) throw new UnknownKeyError(id);
    return found;
  };
  const mac = (purpose: MacPurpose, data: string | Buffer, id = keyId) =>
    createHmac('sha256', ring(id).mac.get(purpose)!).update(data).digest('hex');

  const service: KeyService = {
    keyId,
    keyIds: ids,
    mac,
    verifyMac(purpose, data, given, id = keyId) {
      const expected = Buffer.from(mac(purpose, data, id), 'hex');
      const actual = Buffer.from(given, 'hex');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    encrypt(purpose, plaintext, associatedData) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', ring(keyId).encryption.get(purpose)!, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(keyId, purpose, associatedData));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return [CIPHERTEXT_VERSION, keyId, iv.toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(purpose, ciphertext, associatedData) {
      const parts = ciphertext.split('.');
      const [version, id, ivText, bodyText] = parts;
      if (parts.length !== 4 || version !== CIPHERTEXT_VERSION || !id || !ivText || !bodyText) {
        throw new DecryptionError(`not a ${CIPHERTEXT_VERSION} ciphertext`);
      }
      const keys = ring(id);
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new DecryptionError('malformed ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', keys.encryption.get(purpose)!, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(id, purpose, associatedData));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
      } catch {
        throw new DecryptionError('the ciphertext was altered, or belongs to another purpose or row');
      }
    },
  };
  // Printed or serialised by mistake (a log line, an error report), the service shows its ids only.
  Object.defineProperties(service, {
    toJSON: { value: () => ({ keyIds: ids }), enumerable: false },
    [inspect.custom]: { value: () => `KeyService { keyIds: ${ids.join(', ')} }`, enumerable: false },
  });
  return service;
}
