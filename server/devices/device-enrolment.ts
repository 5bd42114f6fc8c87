/**
 * "Add this device": WebAuthn registration of the phone's passkey, then — in ONE transaction —
 * the device, its passkey, its device credential (hashed), its offline-code key (encrypted by
 * the key service), the audit event `device_added` and the `devices` event that tells the
 * employee's other sessions and devices (the push sender listens on that channel).
 */
import { randomBytes } from 'node:crypto';
import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from '@simplewebauthn/server';
import type { z } from 'zod';
import type { DevicePlatform, addDeviceRequest } from '../../shared/device-schemas';
import type { Language } from '../../shared/languages';
import { recordInTransaction, type RequestContext } from '../audit/audit-trail';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { insertDevice, passkeyIdsOf, type MobileDeviceRow } from '../db/queries/mobile-devices';
import { claimChallenge, deleteExpiredWebauthnChallenges, saveChallenge } from '../db/queries/webauthn-challenges';
import type { Store, Writer } from '../db/store';
import type { KeyService } from '../keys/key-service';
import type { SignedIn } from '../sessions/session-service';
import { newDeviceCredential } from './device-credential';
import { enqueuePush } from '../push/push-outbox';
import { publishDeviceChange } from './device-events';

/** How long a "device added" push is still worth delivering to a phone that was offline. */
const DEVICE_ADDED_PUSH_MS = 24 * 60 * 60 * 1000;
import { devicePlatform } from './device-platform';
import { totpSecretAssociatedData } from './totp-secret';

/** How long the options fetched before the tap stay usable. */
export const REGISTRATION_CHALLENGE_MS = 5 * 60_000;
/** RFC 4226 recommends 160 bits for HMAC-SHA-1 keys. */
const TOTP_SECRET_BYTES = 20;

export type RegistrationOptionsJSON = Awaited<ReturnType<typeof generateRegistrationOptions>>;

export type AddDeviceResult =
  { ok: true; device: MobileDeviceRow; credentialToken: string; offlineKey: string } | { ok: false; reason: 'not_verified' };

/**
 * Who enrols, and on what authority: the signed-in session ("Add this device"), or an enrolment
 * link standing in for it ("Add a phone"). `owner` binds the registration challenge to that
 * authority (the employee's id for a session, the link's for a link), so a challenge issued to
 * one cannot finish an enrolment through the other.
 */
export interface Enroller {
  employee: SignedIn['employee'];
  owner?: string;
  /**
   * Runs inside the transaction that adds the device, before anything else is written (the
   * link is spent there); throwing `EnrolmentRefused` rolls everything back.
   */
  authorise?: (w: Writer, deviceId: string, at: Date) => Promise<void>;
}

/** Thrown by an `Enroller.authorise` that no longer holds: the device is not added. */
export class EnrolmentRefused extends Error {
  override name = 'EnrolmentRefused';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface DeviceEnrolment {
  registrationOptions(enroller: Enroller, userAgent: string): Promise<{ options: RegistrationOptionsJSON; platform: DevicePlatform }>;
  add(input: {
    signedIn: Enroller;
    name: string;
    language: Language;
    registration: z.infer<typeof addDeviceRequest>['registration'];
    context: RequestContext;
  }): Promise<AddDeviceResult>;
  /** Deletes registration challenges nobody used (the sweeper's). */
  purgeExpired(): Promise<number>;
}

/** The WebAuthn user handle of an employee: their internal id's bytes (never the user ID typed at sign-in). */
export function userHandleOf(employeeId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(employeeId, 'utf8'));
}

/** The challenge inside a response's client data, or null when it cannot be read. */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge = (data as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(challenge) ? challenge : null;
  } catch {
    return null;
  }
}

export function createDeviceEnrolment(deps: { store: Store; keys: KeyService; config: Config; now: Clock }): DeviceEnrolment {
  const { store, keys, config, now } = deps;
  return {
    async registrationOptions({ employee, owner = employee.id }, userAgent) {
      const existing = await passkeyIdsOf(store, employee.id);
      const options = await generateRegistrationOptions({
        rpName: config.organisation.name.en,
        rpID: config.rpId,
        userID: userHandleOf(employee.id),
        userName: employee.userId,
        userDisplayName: employee.displayName,
        attestationType: 'none',
        excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports as AuthenticatorTransportFuture[] })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        preferredAuthenticatorType: 'localDevice',
        supportedAlgorithmIDs: [-7, -257],
        timeout: 120_000,
      });
      // The library turns 'localDevice' into a hint *and* a platform-only attachment; keep the
      // hint alone, so that the phone's own authenticator is preferred but not the only one allowed.
      if (options.authenticatorSelection) delete options.authenticatorSelection.authenticatorAttachment;
      const at = now();
      await store.write((w) =>
        saveChallenge(w, {
          challenge: options.challenge,
          purpose: 'register-device',
          owner,
          employeeId: employee.id,
          createdAt: at,
          expiresAt: new Date(at.getTime() + REGISTRATION_CHALLENGE_MS),
        }),
      );
      return { options, platform: devicePlatform(userAgent) };
    },

    async add({ signedIn, name, language, registration, context }) {
      const { employee, owner = employee.id } = signedIn;
      const challenge = challengeOf(registration.response.clientDataJSON);
      if (!challenge) return { ok: false, reason: 'not_verified' };
      // Claimed before verifying: a challenge is spent by any attempt, good or bad.
      const issued = await store.write((w) => claimChallenge(w, challenge, 'register-device', owner, now()));
      if (!issued) return { ok: false, reason: 'not_verified' };

      let verified;
      try {
        verified = await verifyRegistrationResponse({
          response: registration as RegistrationResponseJSON,
          expectedChallenge: issued.challenge,
          expectedOrigin: config.origin,
          expectedRPID: config.rpId,
          requireUserVerification: true,
          supportedAlgorithmIDs: [-7, -257],
        });
      } catch {
        return { ok: false, reason: 'not_verified' };
      }
      if (!verified.verified) return { ok: false, reason: 'not_verified' };
      const info = verified.registrationInfo;
      if ((await passkeyIdsOf(store, employee.id)).some((c) => c.credentialId === info.credential.id)) {
        return { ok: false, reason: 'not_verified' };
      }

      const at = now();
      const id = randomBytes(16).toString('base64url');
      const credential = newDeviceCredential();
      const secret = randomBytes(TOTP_SECRET_BYTES);
      const device: MobileDeviceRow = {
        id,
        employeeId: employee.id,
        name,
        platform: devicePlatform(context.userAgent),
        language,
        createdAt: at,
        lastUsedAt: null,
        revokedAt: null,
        credentialHash: credential.hash,
        totpSecret: keys.encrypt('totp-secret', secret, totpSecretAssociatedData(id)),
        totpLastStep: null,
      };
      try {
        await store.write(async (w) => {
          await signedIn.authorise?.(w, id, at);
          await insertDevice(w, device, {
            credentialId: info.credential.id,
            deviceId: id,
            employeeId: employee.id,
            publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
            counter: info.credential.counter,
            transports: info.credential.transports ?? registration.response.transports ?? [],
            backedUp: info.credentialBackedUp,
            createdAt: at,
            lastUsedAt: null,
          });
          await recordInTransaction(w, at, context, {
            type: 'device_added',
            outcome: 'success',
            actorId: employee.id,
            subjectId: employee.id,
            details: { deviceId: id, device: name, platform: device.platform },
          });
          await publishDeviceChange(store, w, { change: 'added', employeeId: employee.id, deviceId: id });
          // The employee's other devices are told (the new one has no subscription yet anyway).
          await enqueuePush(w, store.events, {
            employeeId: employee.id,
            payload: { type: 'device-added' },
            expiresAt: new Date(at.getTime() + DEVICE_ADDED_PUSH_MS),
            exceptDeviceId: id,
          });
        });
      } catch (error) {
        if (error instanceof EnrolmentRefused) throw error;
        // The same passkey sent twice at once: the second insert meets the first's primary key.
        if (await passkeyIdsOf(store, employee.id).then((ids) => ids.some((c) => c.credentialId === info.credential.id))) {
          return { ok: false, reason: 'not_verified' };
        }
        throw error;
      }
      return { ok: true, device, credentialToken: credential.token, offlineKey: secret.toString('base64url') };
    },

    purgeExpired: () => store.write((w) => deleteExpiredWebauthnChallenges(w, now())),
  };
}

type AuthenticatorTransportFuture = 'ble' | 'cable' | 'hybrid' | 'internal' | 'nfc' | 'smart-card' | 'usb';
