/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), the mobile device's offline
 * code. The HMAC is handed in rather than a secret: the phone keeps its key as a non-extractable
 * WebCrypto key (so only `crypto.subtle.sign` can use it), the server decrypts its copy per check.
 * The same code therefore runs in the page, the service worker and Node.
 */

/** HMAC-SHA-1 of an 8-byte counter under the device's key. */
export type HmacSha1 = (message: Uint8Array) => Promise<Uint8Array>;

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

/** The time step a moment falls in (T in RFC 6238, T0 = 0). */
export function timeStep(atMs: number, stepSeconds = TOTP_STEP_SECONDS): number {
  return Math.floor(atMs / 1000 / stepSeconds);
}

/** Seconds until the step of `atMs` ends, 1 to `stepSeconds`. */
export function secondsLeftInStep(atMs: number, stepSeconds = TOTP_STEP_SECONDS): number {
  return stepSeconds - (Math.floor(atMs / 1000) % stepSeconds);
}

/** The counter as RFC 4226 wants it: 8 bytes, big-endian. */
function counterBytes(counter: number): Uint8Array {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError('counter must be a non-negative safe integer');
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(counter));
  return bytes;
}

/** RFC 4226 HOTP with dynamic truncation, left-padded to `digits`. */
export async function hotp(hmac: HmacSha1, counter: number, digits = TOTP_DIGITS): Promise<string> {
  const mac = await hmac(counterBytes(counter));
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | ((mac[offset + 1]! & 0xff) << 16) | ((mac[offset + 2]! & 0xff) << 8) | (mac[offset + 3]! & 0xff);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code for the step that `atMs` falls in. */
export function totpAt(hmac: HmacSha1, atMs: number, digits = TOTP_DIGITS): Promise<string> {
  return hotp(hmac, timeStep(atMs), digits);
}

/**
 * The step among `now - window … now + window` whose code is `code`, or null. The caller refuses
 * a step it has already accepted for this device (each step once); comparing every candidate keeps
 * the time independent of which one matched.
 */
export async function matchingStep(hmac: HmacSha1, code: string, atMs: number, window = 1): Promise<number | null> {
  const now = timeStep(atMs);
  let found: number | null = null;
  for (let step = now - window; step <= now + window; step++) {
    const candidate = await hotp(hmac, step, code.length);
    if (constantTimeEqual(candidate, code) && found === null) found = step;
  }
  return found;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** A WebCrypto key, named without the DOM library so that Node's typecheck reads this file too. */
export type TotpKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** An `HmacSha1` over a WebCrypto HMAC key (SHA-1), extractable or not. */
export function webCryptoHmac(key: TotpKey): HmacSha1 {
  return async (message) => new Uint8Array(await crypto.subtle.sign('HMAC', key, message as Uint8Array<ArrayBuffer>));
}

/** Imports raw key bytes as a non-extractable HMAC-SHA-1 key that can only sign. */
export function importTotpKey(raw: Uint8Array): Promise<TotpKey> {
  return crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
}
