/**
 * "Use a code from the app instead": the 6-digit offline code (RFC 6238, shared/totp.ts) the
 * phone shows with no network, typed on another screen. One guarded attempt on the mobile
 * method's counter (5 wrong codes in 15 minutes lock it, as passwords), checked against every
 * unrevoked device of the employee — each key decrypted by the key service — for the current
 * step ±1. A step already accepted for a device is refused; the new one is spent in the
 * session's own transaction (SignInProof.spend), so one code opens one session.
 *
 * An unknown, disabled or device-less user ID is checked against a stand-in key, as much work
 * as one device, and gets the same answers (wrong code, then locked).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SignInPurpose } from '../../../shared/api-schemas';
import { matchingStep, type HmacSha1 } from '../../../shared/totp';
import type { RequestContext } from '../../audit/audit-trail';
import type { SignInProof } from '../../auth/sign-in-proof';
import type { Clock } from '../../clock';
import { activeDevicesWithSecrets, spendTotpStep, type DeviceWithSecret } from '../../db/queries/device-sign-in';
import type { Reader } from '../../db/store';
import { readTotpSecret } from '../../devices/totp-secret';
import type { Directory } from '../../directory/directory';
import type { KeyService } from '../../keys/key-service';
import type { AttemptGuard } from '../../throttle/guarded-attempt';
import { mobileMethod } from './mobile-method';

export type OfflineCodeSignInResult =
  { ok: true; proof: SignInProof } | { ok: false; reason: 'invalid_code' } | { ok: false; reason: 'locked' | 'rate_limited'; until: Date };

export interface OfflineCodeSignIn {
  signIn(input: { userId: string; code: string; purpose: SignInPurpose; context: RequestContext }): Promise<OfflineCodeSignInResult>;
}

/** HMAC-SHA-1 under a raw key, with Node's crypto (the phone uses WebCrypto for the same function). */
export function nodeHmac(key: Buffer): HmacSha1 {
  return (message) => Promise.resolve(new Uint8Array(createHmac('sha1', key).update(message).digest()));
}

export function createOfflineCodeSignIn(deps: {
  store: Reader;
  directory: Directory;
  keys: KeyService;
  guard: AttemptGuard;
  now: Clock;
}): OfflineCodeSignIn {
  const { store, directory, keys, guard, now } = deps;
  // Decrypted like a real key on every attempt for a user ID without devices, so both take as long.
  const standInId = `stand-in-${randomBytes(8).toString('hex')}`;
  const standIn: DeviceWithSecret = {
    id: standInId,
    name: '',
    totpSecret: keys.encrypt('totp-secret', randomBytes(20), `mobile_devices:${standInId}:totp_secret`),
    totpLastStep: null,
  };

  /** The device whose code this is, and its step not yet accepted; null otherwise. */
  async function match(devices: DeviceWithSecret[], code: string, at: number) {
    let found: { device: DeviceWithSecret; step: number } | null = null;
    for (const device of devices) {
      let secret: Buffer;
      try {
        secret = readTotpSecret(keys, device);
      } catch {
        continue; // an altered or moved ciphertext proves nothing
      }
      const step = await matchingStep(nodeHmac(secret), code, at);
      secret.fill(0);
      if (step !== null && (device.totpLastStep === null || step > device.totpLastStep) && !found) found = { device, step };
    }
    return found;
  }

  return {
    async signIn({ userId, code, purpose, context }) {
      const outcome = await guard.attempt(
        { method: mobileMethod, userId, context, purpose, details: { via: 'offline-code' } },
        async () => {
          const found = await directory.find(userId);
          const employee = found && !found.disabled ? found : null;
          const devices = employee ? await activeDevicesWithSecrets(store, employee.id) : [];
          const matched = await match(devices.length > 0 ? devices : [standIn], code, now().getTime());
          return employee && matched && matched.device !== standIn ? { employee, ...matched } : null;
        },
      );
      if (!outcome.ok) return outcome.reason === 'wrong' ? { ok: false, reason: 'invalid_code' } : outcome;
      const { employee, device, step } = outcome.value;
      return {
        ok: true,
        proof: {
          employee,
          method: mobileMethod.id,
          purpose,
          resets: outcome.resets,
          details: { via: 'offline-code', deviceId: device.id, device: device.name },
          spend: { write: (w) => spendTotpStep(w, device.id, step, now()), refused: 'invalid_code' },
        },
      };
    },
  };
}
