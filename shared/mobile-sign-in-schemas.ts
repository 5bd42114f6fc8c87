/**
 * Signing in with the mobile device without an approval: the offline code typed on another
 * screen, and "Sign in with this device" (a discoverable passkey) on the phone itself.
 */
import { z } from 'zod';
import { signInPurposeSchema, userIdSchema } from './api-schemas';
import { authenticationResponseSchema } from './device-schemas';
import { TOTP_DIGITS } from './totp';

/** Six digits; spaces typed between groups ("123 456") are dropped first. */
export const offlineCodeSchema = z
  .string()
  .max(32)
  .transform((code) => code.replace(/\s+/g, ''))
  .refine((code) => new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code), { message: `${TOTP_DIGITS} digits` });

/** POST /api/auth/mobile/code */
export const offlineCodeRequest = z.strictObject({ userId: userIdSchema, code: offlineCodeSchema, purpose: signInPurposeSchema });

/** POST /api/auth/passkey/verify: the assertion `startAuthentication` returned. */
export const passkeySignInRequest = z.strictObject({ assertion: authenticationResponseSchema });

export interface PasskeyOptionsResponse {
  /** `PublicKeyCredentialRequestOptionsJSON` with no allowCredentials, for `startAuthentication({ optionsJSON })`. */
  options: Record<string, unknown> & { challenge: string };
}
