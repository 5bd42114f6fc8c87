/**
 * The mobile devices' API: request bodies (validated by the server) and responses (read by the
 * client). WebAuthn responses are checked for shape and size here; what they prove is checked by
 * @simplewebauthn/server. Objects are strict where Sésame defines them; inside a WebAuthn
 * response unknown members are allowed (browsers add some) but the whole body is bounded anyway.
 */
import { z } from 'zod';
import { languageSchema } from './api-schemas';

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'base64url');

/** Real client data is a few hundred characters; anything far larger is refused before parsing. */
export const CLIENT_DATA_JSON_MAX = 2048;
const ATTESTATION_OBJECT_MAX = 8192;
const CREDENTIAL_ID_MAX = 1366; // 1023 bytes, WebAuthn's limit, in base64url
export const DEVICE_NAME_MAX_LENGTH = 60;

/** What a device is called: trimmed, 1–60 characters, no control characters or lone surrogates. */
export const deviceNameSchema = z
  .string()
  .max(DEVICE_NAME_MAX_LENGTH * 4)
  .transform((name) => name.trim().replace(/\s+/g, ' '))
  .refine((name) => name.length >= 1 && name.length <= DEVICE_NAME_MAX_LENGTH, { message: `1 to ${DEVICE_NAME_MAX_LENGTH} characters` })
  .refine((name) => !/[\p{Cc}\p{Cs}]/u.test(name), { message: 'no control characters' });

const transports = z.array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'])).max(8);
const extensions = z.record(z.string(), z.unknown());

/** `RegistrationResponseJSON` as @simplewebauthn/browser's `startRegistration` returns it. */
export const registrationResponseSchema = z.object({
  id: base64url(CREDENTIAL_ID_MAX),
  rawId: base64url(CREDENTIAL_ID_MAX),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: extensions,
  response: z.object({
    clientDataJSON: base64url(CLIENT_DATA_JSON_MAX),
    attestationObject: base64url(ATTESTATION_OBJECT_MAX),
    authenticatorData: base64url(ATTESTATION_OBJECT_MAX).optional(),
    transports: transports.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(ATTESTATION_OBJECT_MAX).optional(),
  }),
});

/** `AuthenticationResponseJSON` as `startAuthentication` returns it (for approvals and passkey sign-in). */
export const authenticationResponseSchema = z.object({
  id: base64url(CREDENTIAL_ID_MAX),
  rawId: base64url(CREDENTIAL_ID_MAX),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: extensions,
  response: z.object({
    clientDataJSON: base64url(CLIENT_DATA_JSON_MAX),
    authenticatorData: base64url(ATTESTATION_OBJECT_MAX),
    signature: base64url(1024),
    userHandle: base64url(1024).optional(),
  }),
});

/** "Add this device": the passkey just created, the name chosen, the device's language. */
export const addDeviceRequest = z.strictObject({
  name: deviceNameSchema,
  language: languageSchema,
  registration: registrationResponseSchema,
});

export const renameDeviceRequest = z.strictObject({ name: deviceNameSchema });
export const deviceIdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'a device id') });

/** `PushSubscription.toJSON()`, as the browser gives it. */
export const pushSubscriptionRequest = z.object({
  endpoint: z
    .string()
    .max(2048)
    .url()
    .refine((url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url), { message: 'an https URL' }),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({ p256dh: base64url(256), auth: base64url(64) }),
});

/** The platform a device was enrolled from, as the server reads its user agent; the page names it. */
export const DEVICE_PLATFORMS = ['android', 'iphone', 'ipad', 'windows', 'macos', 'chromeos', 'linux', 'other'] as const;
export type DevicePlatform = (typeof DEVICE_PLATFORMS)[number];

export interface DeviceItem {
  id: string;
  name: string;
  platform: DevicePlatform;
  createdAt: string;
  lastUsedAt: string | null;
  /** Whether the device has a push subscription ("no notifications" otherwise). */
  notifications: boolean;
  /** The device asking (its device credential came with the request). */
  thisDevice: boolean;
}

export interface DeviceListResponse {
  devices: DeviceItem[];
}

export interface RegistrationOptionsResponse {
  /** `PublicKeyCredentialCreationOptionsJSON`, for `startRegistration({ optionsJSON })`. */
  options: Record<string, unknown> & { challenge: string };
  /** The platform the server reads in this browser's user agent, for the default name. */
  platform: DevicePlatform;
}

export interface AddDeviceResponse {
  device: DeviceItem;
  /**
   * The offline-code key (20 bytes, base64url), given once: the page imports it as a
   * non-extractable WebCrypto key and forgets it. The server keeps only its encrypted copy.
   */
  offlineKey: string;
}

export interface PushPublicKeyResponse {
  /** The VAPID public key (base64url), for `pushManager.subscribe({ applicationServerKey })`. */
  publicKey: string;
}

export type AddDeviceRequest = z.input<typeof addDeviceRequest>;
export type PushSubscriptionRequest = z.input<typeof pushSubscriptionRequest>;
