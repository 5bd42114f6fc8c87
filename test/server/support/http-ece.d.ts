/** The part of `http_ece` (RFC 8188, used by the tests' push receiver) that the tests call. */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  export interface DecryptParameters {
    version: 'aes128gcm' | 'aesgcm';
    /** The receiver's key pair: the sender's public key comes in the aes128gcm header. */
    privateKey?: ECDH;
    /** The subscription's 16-byte auth secret (base64url or Buffer). */
    authSecret?: string | Buffer;
  }

  export function decrypt(buffer: Buffer, parameters: DecryptParameters): Buffer;
  const ece: { decrypt: typeof decrypt };
  export default ece;
}
