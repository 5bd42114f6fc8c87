/**
 * "Sign in with this device", on the enrolled phone itself: a discoverable-credential passkey
 * sign-in (no user ID typed, empty allowCredentials, user verification required). The options are
 * fetched before the tap (Safari wants the WebAuthn call in the tap's handler); their challenge
 * is single use and lives 5 minutes. The assertion must come from the passkey of an enrolled,
 * unrevoked device; it is verified by @simplewebauthn/server (challenge, origin, RP ID, user
 * verification, and the counter rules: a counter that did not grow is refused unless both are 0,
 * as a synced passkey's stays). Its new counter is stored in the session's transaction, only if
 * no other assertion moved it meanwhile. A replay finds its challenge spent.
 */
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { z } from 'zod';
import type { passkeySignInRequest } from '../../../shared/mobile-sign-in-schemas';
import { recordInTransaction, type RequestContext } from '../../audit/audit-trail';
import type { SignInProof } from '../../auth/sign-in-proof';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { advancePasskeyCounter, findActivePasskey } from '../../db/queries/device-sign-in';
import { findEmployeeById } from '../../db/queries/employees';
import { claimChallenge, saveChallenge } from '../../db/queries/webauthn-challenges';
import type { Store } from '../../db/store';
import { challengeOf, userHandleOf } from '../../devices/device-enrolment';
import { toEmployee } from '../../directory/sql-directory';
import { mobileMethod } from './mobile-method';

export const PASSKEY_CHALLENGE_MS = 5 * 60_000;
/** The challenge is not anyone's yet: whoever holds the passkey signs it, and then it is spent. */
const ANYONE = 'passkey-sign-in';

export type PasskeyOptionsJSON = Awaited<ReturnType<typeof generateAuthenticationOptions>>;
/**
 * `unknown_credential`: no enrolled, unrevoked device has this passkey — the phone was removed (its
 * passkeys went with it). Saying so reveals nobody: the credential id is the phone's own random value.
 */
export type PasskeySignInResult = { ok: true; proof: SignInProof } | { ok: false; reason: 'not_verified' | 'unknown_credential' };

export interface PasskeySignIn {
  options(): Promise<PasskeyOptionsJSON>;
  verify(input: { assertion: z.infer<typeof passkeySignInRequest>['assertion']; context: RequestContext }): Promise<PasskeySignInResult>;
}

export function createPasskeySignIn(deps: { store: Store; config: Config; now: Clock }): PasskeySignIn {
  const { store, config, now } = deps;

  /** A refused assertion goes to the audit trail (about the passkey's employee when it is known). */
  async function refused(context: RequestContext, reason: string, employeeId?: string): Promise<PasskeySignInResult> {
    await store.write((w) =>
      recordInTransaction(w, now(), context, {
        type: 'sign_in',
        outcome: 'failure',
        method: mobileMethod.id,
        ...(employeeId ? { actorId: employeeId, subjectId: employeeId } : {}),
        details: { via: 'passkey', reason },
      }),
    );
    return { ok: false, reason: reason === 'unknown-credential' ? 'unknown_credential' : 'not_verified' };
  }

  return {
    async options() {
      const options = await generateAuthenticationOptions({
        rpID: config.rpId,
        allowCredentials: [],
        userVerification: 'required',
        timeout: 120_000,
      });
      const at = now();
      await store.write((w) =>
        saveChallenge(w, {
          challenge: options.challenge,
          purpose: 'passkey-sign-in',
          owner: ANYONE,
          employeeId: null,
          createdAt: at,
          expiresAt: new Date(at.getTime() + PASSKEY_CHALLENGE_MS),
        }),
      );
      return options;
    },

    async verify({ assertion, context }) {
      const challenge = challengeOf(assertion.response.clientDataJSON);
      if (!challenge) return refused(context, 'challenge');
      // Spent by any attempt, good or bad: a replayed assertion finds nothing.
      const issued = await store.write((w) => claimChallenge(w, challenge, 'passkey-sign-in', ANYONE, now()));
      if (!issued) return refused(context, 'challenge');

      const passkey = await findActivePasskey(store, assertion.id);
      if (!passkey) return refused(context, 'unknown-credential');
      const handle = assertion.response.userHandle;
      if (handle !== undefined && handle !== Buffer.from(userHandleOf(passkey.employeeId)).toString('base64url')) {
        return refused(context, 'user-handle', passkey.employeeId);
      }

      let verified;
      try {
        verified = await verifyAuthenticationResponse({
          response: assertion as AuthenticationResponseJSON,
          expectedChallenge: issued.challenge,
          expectedOrigin: config.origin,
          expectedRPID: config.rpId,
          requireUserVerification: true,
          credential: {
            id: passkey.credentialId,
            publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
            counter: passkey.counter,
            transports: passkey.transports as NonNullable<Parameters<typeof verifyAuthenticationResponse>[0]['credential']['transports']>,
          },
        });
      } catch {
        return refused(context, 'assertion', passkey.employeeId);
      }
      if (!verified.verified) return refused(context, 'assertion', passkey.employeeId);

      const row = await findEmployeeById(store, passkey.employeeId);
      if (!row || row.disabled) return refused(context, 'employee', passkey.employeeId);
      const newCounter = verified.authenticationInfo.newCounter;
      return {
        ok: true,
        proof: {
          employee: toEmployee(row),
          method: mobileMethod.id,
          purpose: 'sign-in',
          resets: null,
          details: { via: 'passkey', deviceId: passkey.deviceId, device: passkey.deviceName },
          spend: {
            write: (w) => advancePasskeyCounter(w, passkey, passkey.counter, newCounter, now()),
            refused: 'passkey_not_verified',
          },
        },
      };
    },
  };
}
