/**
 * The offline code as the phone shows it: RFC 6238 over the non-extractable key kept in
 * IndexedDB (`offline-key-store.ts`), computed on the phone alone, so that it shows with no
 * network at all. The server checks the same code against its encrypted copy of the key.
 */
import { TOTP_DIGITS, secondsLeftInStep, timeStep, totpAt, webCryptoHmac, type TotpKey } from '../../shared/totp';

export interface OfflineCode {
  /** The digits, as typed on the other screen ("123456"). */
  code: string;
  /** The time step it belongs to: a new step means a new code. */
  step: number;
  /** Seconds until the next code, 1 to 30. */
  secondsLeft: number;
}

export async function offlineCodeAt(key: TotpKey, atMs: number): Promise<OfflineCode> {
  return { code: await totpAt(webCryptoHmac(key), atMs, TOTP_DIGITS), step: timeStep(atMs), secondsLeft: secondsLeftInStep(atMs) };
}

/** Three and three ("123 456"), as people read and copy a six-digit code. */
export function groupedCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** One digit at a time ("1 2 3 4 5 6"), so that a screen reader reads digits, not a number in the hundreds of thousands. */
export function spokenCode(code: string): string {
  return code.split('').join(' ');
}
