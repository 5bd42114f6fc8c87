/**
 * A software WebAuthn authenticator in Node: one ES256 key pair per credential (node:crypto),
 * "none" attestation, flags user present + user verified, a signature counter. It answers the
 * server's creation options with a `RegistrationResponseJSON` and its request options with an
 * `AuthenticationResponseJSON`, exactly as a browser would hand them over — so server tests and
 * the benchmark enrol devices and sign real assertions without a browser.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

interface SoftCredential {
  id: Buffer;
  rpId: string;
  userHandle: string;
  privateKey: KeyObject;
  /** The COSE public key, as attested. */
  cose: Uint8Array;
  counter: number;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer | Uint8Array) => Buffer.from(data).toString('base64url');

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x ?? '', 'base64url');
  const y = Buffer.from(jwk.y ?? '', 'base64url');
  // kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
  return isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, new Uint8Array(x)],
      [-3, new Uint8Array(y)],
    ]),
  );
}

export interface SoftAuthenticatorOptions {
  /** The page's origin, written into clientDataJSON. */
  origin: string;
  /** Flags of each ceremony; UP+UV by default. */
  flags?: number;
}

export class SoftAuthenticator {
  readonly origin: string;
  flags: number;
  readonly #credentials = new Map<string, SoftCredential>();

  constructor({ origin, flags = FLAG_UP | FLAG_UV }: SoftAuthenticatorOptions) {
    this.origin = origin;
    this.flags = flags;
  }

  /** The credential ids this authenticator holds (base64url). */
  get credentialIds(): string[] {
    return [...this.#credentials.keys()];
  }

  /** `navigator.credentials.create()` with "none" attestation. Refuses an excluded credential, as a browser does. */
  register(options: PublicKeyCredentialCreationOptionsJSON, { origin = this.origin }: { origin?: string } = {}): RegistrationResponseJSON {
    const rpId = options.rp.id ?? new URL(origin).hostname;
    const excluded = (options.excludeCredentials ?? []).some((c) => this.#credentials.has(c.id));
    if (excluded) throw new Error('InvalidStateError: the authenticator already holds an excluded credential');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = randomBytes(32);
    const credential: SoftCredential = { id, rpId, userHandle: options.user.id, privateKey, cose: coseKey(publicKey), counter: 0 };
    this.#credentials.set(b64url(id), credential);

    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([this.flags | FLAG_AT]),
      uint32(credential.counter),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      id,
      Buffer.from(credential.cose),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
        publicKeyAlgorithm: -7,
        publicKey: b64url(publicKey.export({ format: 'der', type: 'spki' })),
        authenticatorData: b64url(authData),
      },
    };
  }

  /**
   * `navigator.credentials.get()`: signs with the first allowed credential it holds (or, with an
   * empty allow list, any of this RP's — a discoverable credential). `credentialId` picks one.
   */
  authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    { origin = this.origin, credentialId }: { origin?: string; credentialId?: string } = {},
  ): AuthenticationResponseJSON {
    const rpId = options.rpId ?? new URL(origin).hostname;
    const allowed = (options.allowCredentials ?? []).map((c) => c.id);
    const id =
      credentialId ??
      [...this.#credentials.entries()].find(([key, c]) => c.rpId === rpId && (allowed.length === 0 || allowed.includes(key)))?.[0];
    const credential = id ? this.#credentials.get(id) : undefined;
    if (!credential || !id) throw new Error('NotAllowedError: no credential for these options');
    credential.counter += 1;
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }));
    const authData = Buffer.concat([sha256(rpId), Buffer.from([this.flags]), uint32(credential.counter)]);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
    };
  }
}

export const AUTHENTICATOR_FLAGS = { UP: FLAG_UP, UV: FLAG_UV } as const;
