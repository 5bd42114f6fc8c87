/**
 * "Mobile device" sign-in by number matching: the approval requests' rules.
 *
 * The waiting browser starts a request (`start`): a random number 10–99, valid
 * `SESAME_APPROVAL_SECONDS`, bound to that browser's own secret cookie. The phone lists the
 * requests of its employee (`forDevice`), fetches WebAuthn options whose challenge is stored
 * with that one request (`options`), and approves with the number and an assertion of its own
 * passkey (`approve`) — or reports it ("It wasn't me", `report`), which pauses requests to the
 * employee for 20 minutes. The waiting browser then collects its session (`collect`), once.
 *
 * No enumeration: a user ID that does not exist, or has no device, gets a request of the same
 * shape (its `employee_id` is null), with the same number, countdown, cookie and work; nobody
 * can approve it, so it simply expires. Push fatigue: 3 requests per user ID in 10 minutes
 * (counted by the rate limit, known or unknown IDs alike), and a new request cancels the pending
 * one. Every change of status publishes the request's id on `approvals` in its transaction.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { z } from 'zod';
import { APPROVAL_NUMBER_MAX, APPROVAL_NUMBER_MIN, type approveRequest, type DeviceRequestItem } from '../../shared/approval-schemas';
import type { SignInPurpose } from '../../shared/api-schemas';
import type { AuditEventInput, AuditTrail, RequestContext } from '../audit/audit-trail';
import { recordInTransaction } from '../audit/audit-trail';
import type { SignInProof } from '../auth/sign-in-proof';
import type { Clock } from '../clock';
import type { Config } from '../config';
import {
  cancelPendingRequests,
  claimApprovalChallenge,
  collectApprovalRequest,
  countWrongNumber,
  decideApprovalRequest,
  deleteOldApprovalRequests,
  findApprovalRequest,
  findApprovalRequestBySecret,
  insertApprovalRequest,
  latestReportSince,
  pendingRequestsOf,
  setApprovalChallenge,
  type ApprovalRequestRow,
} from '../db/queries/approval-requests';
import { findEmployeeById } from '../db/queries/employees';
import { findActiveDevice } from '../db/queries/mobile-devices';
import { hasActiveDevice } from '../db/queries/device-sign-in';
import { findActivePasskey, passkeysOfDevice, recordPasskeyUse } from '../db/queries/passkey-use';
import type { Store } from '../db/store';
import type { CurrentDevice } from '../devices/device-credential';
import type { Directory } from '../directory/directory';
import { toEmployee } from '../directory/sql-directory';
import { nameUserAgent } from '../profile/user-agent-name';
import type { RateLimit } from '../throttle/rate-limit';
import { rateKey } from '../throttle/throttle-key';
import { publishApprovalChange } from './approval-events';
import type { WaitingStatus } from './approval-status';
import { hashBrowserSecret, newBrowserSecret } from './browser-secret';
import { notifyDevices } from './notify-devices';

/** Push fatigue: requests per user ID in the window. */
export const REQUESTS_PER_WINDOW = 3;
export const REQUEST_WINDOW_MS = 10 * 60_000;
/** "It wasn't me" pauses requests to the employee this long. */
export const REPORT_PAUSE_MS = 20 * 60_000;
/** Wrong numbers that deny a request. */
export const WRONG_NUMBER_LIMIT = 3;
/** How long after the approval the waiting browser may still collect its session. */
export const COLLECT_GRACE_MS = 60_000;
/** Requests are deleted this long after their time ended (the sweeper). */
const KEEP_MS = 60 * 60_000;
/** What a user ID without an employee is looked up as: no row has it, the same statements run. */
const NOBODY = '!nobody';
const START_SCOPE = 'mobile-start';

type Assertion = z.infer<typeof approveRequest>['assertion'];

export type StartResult = { ok: true; request: ApprovalRequestRow; browserToken: string } | { ok: false; until: Date };
export type CollectResult = { ok: true; proof: SignInProof } | { ok: false; reason: 'not_found' | 'not_ready' };
export type DecisionRefusal = 'not_found' | 'closed' | 'not_verified' | 'wrong_number' | 'too_many_wrong_numbers';

export interface Approvals {
  start(input: { userId: string; purpose: SignInPurpose; context: RequestContext }): Promise<StartResult>;
  /** The request this browser's secret cookie started, or null. */
  bySecret(token: string): Promise<ApprovalRequestRow | null>;
  /** The waiting browser's view of a request, read from the database now. */
  waitingStatus(requestId: string): Promise<{ status: WaitingStatus; secondsLeft: number }>;
  collect(token: string): Promise<CollectResult>;
  /** The pending requests of the device's employee, newest first. */
  forDevice(device: CurrentDevice): Promise<DeviceRequestItem[]>;
  /** One request of the device's employee (whatever its status), or null for anyone else's. */
  oneForDevice(device: CurrentDevice, id: string): Promise<DeviceRequestItem | null>;
  options(
    device: CurrentDevice,
    id: string,
  ): Promise<{ ok: true; options: Record<string, unknown> & { challenge: string } } | { ok: false; reason: 'not_found' | 'closed' }>;
  approve(input: {
    device: CurrentDevice;
    id: string;
    number: number;
    assertion: Assertion;
    context: RequestContext;
  }): Promise<{ ok: true } | { ok: false; reason: DecisionRefusal }>;
  report(input: {
    device: CurrentDevice;
    id: string;
    context: RequestContext;
  }): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'closed' }>;
  purgeOld(): Promise<number>;
}

export interface ApprovalDeps {
  store: Store;
  config: Config;
  directory: Directory;
  rateLimit: RateLimit;
  audit: AuditTrail;
  now: Clock;
}

/** The challenge inside an assertion's client data, or null when it cannot be read. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge = (data as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(challenge) ? challenge : null;
  } catch {
    return null;
  }
}

const secondsUntil = (at: Date, now: Date) => Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000));

export function createApprovals({ store, config, directory, rateLimit, audit, now }: ApprovalDeps): Approvals {
  const ttlMs = config.approvals.ttlMs;

  const stored = (row: ApprovalRequestRow, at: Date): DeviceRequestItem['status'] =>
    row.status === 'pending' && row.expiresAt <= at ? 'expired' : row.status;

  const item = (row: ApprovalRequestRow, at: Date): DeviceRequestItem => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    secondsLeft: secondsUntil(row.expiresAt, at),
    ...nameUserAgent(row.userAgent),
    ip: row.ip,
    status: stored(row, at),
  });

  /** The employee's own request, pending and unexpired — or why not. */
  async function openRequest(device: CurrentDevice, id: string, at: Date) {
    const row = await findApprovalRequest(store, id);
    if (!row || row.employeeId !== device.employeeId) return { ok: false as const, reason: 'not_found' as const };
    if (stored(row, at) !== 'pending') return { ok: false as const, reason: 'closed' as const };
    return { ok: true as const, row };
  }

  const about = (
    device: CurrentDevice,
    row: ApprovalRequestRow,
    extra: Record<string, string> = {},
  ): Omit<AuditEventInput, 'type' | 'outcome'> => ({
    actorId: device.employeeId,
    subjectId: device.employeeId,
    method: 'mobile',
    details: { device: device.name, purpose: row.purpose, ...extra },
  });

  return {
    async start({ userId, purpose, context }) {
      const over = await rateLimit.take(
        [
          { key: rateKey(`${START_SCOPE}:user`, userId), limit: REQUESTS_PER_WINDOW },
          { key: rateKey(`${START_SCOPE}:address`, context.ip), limit: config.lockout.ipThreshold },
        ],
        REQUEST_WINDOW_MS,
      );
      if (over) return { ok: false, until: over.until };

      const employee = await directory.find(userId);
      const known = employee && !employee.disabled ? employee.id : NOBODY;
      const at = now();
      const [reportedAt, withDevice] = await Promise.all([
        latestReportSince(store, known, new Date(at.getTime() - REPORT_PAUSE_MS)),
        hasActiveDevice(store, known),
      ]);
      // "It wasn't me" pauses requests: refused exactly as push fatigue is.
      if (reportedAt) return { ok: false, until: new Date(reportedAt.getTime() + REPORT_PAUSE_MS) };

      const secret = newBrowserSecret();
      const request: ApprovalRequestRow = {
        id: randomBytes(16).toString('base64url'),
        // Nobody can approve a request without a device: it expires like any other.
        employeeId: known !== NOBODY && withDevice ? known : null,
        number: randomInt(APPROVAL_NUMBER_MIN, APPROVAL_NUMBER_MAX + 1),
        browserSecretHash: secret.hash,
        challenge: null,
        status: 'pending',
        wrongNumbers: 0,
        purpose,
        ip: context.ip,
        userAgent: context.userAgent.slice(0, 256),
        createdAt: at,
        expiresAt: new Date(at.getTime() + ttlMs),
        decidedAt: null,
        decidedByDevice: null,
      };
      await store.write(async (w) => {
        const cancelled = await cancelPendingRequests(w, known, at);
        for (const id of cancelled) await publishApprovalChange(store, w, id);
        await insertApprovalRequest(w, request);
        if (request.employeeId) {
          await publishApprovalChange(store, w, request.id);
          await notifyDevices(w, store.events, { employeeId: request.employeeId, requestId: request.id, expiresAt: request.expiresAt });
        }
      });
      return { ok: true, request, browserToken: secret.token };
    },

    bySecret: (token) => findApprovalRequestBySecret(store, hashBrowserSecret(token)),

    async waitingStatus(requestId) {
      const row = await findApprovalRequest(store, requestId);
      const at = now();
      if (!row) return { status: 'expired', secondsLeft: 0 };
      const status = stored(row, at);
      return { status: status === 'reported' ? 'denied' : status, secondsLeft: secondsUntil(row.expiresAt, at) };
    },

    async collect(token) {
      const row = await findApprovalRequestBySecret(store, hashBrowserSecret(token));
      if (!row) return { ok: false, reason: 'not_found' };
      const collected = await store.write((w) => collectApprovalRequest(w, row.id, new Date(now().getTime() - COLLECT_GRACE_MS)));
      const employeeRow = collected?.employeeId ? await findEmployeeById(store, collected.employeeId) : undefined;
      if (!collected || !employeeRow || employeeRow.disabled) return { ok: false, reason: 'not_ready' };
      const device = collected.decidedByDevice ? await findActiveDevice(store, employeeRow.id, collected.decidedByDevice) : null;
      return {
        ok: true,
        proof: {
          employee: toEmployee(employeeRow),
          method: 'mobile',
          purpose: collected.purpose,
          resets: null,
          details: { purpose: collected.purpose, ...(device ? { device: device.name } : {}) },
        },
      };
    },

    async forDevice(device) {
      const at = now();
      return (await pendingRequestsOf(store, device.employeeId, at)).map((row) => item(row, at));
    },

    async oneForDevice(device, id) {
      const row = await findApprovalRequest(store, id);
      return row && row.employeeId === device.employeeId ? item(row, now()) : null;
    },

    async options(device, id) {
      const at = now();
      const open = await openRequest(device, id, at);
      if (!open.ok) return open;
      const passkeys = await passkeysOfDevice(store, device.id);
      const options = await generateAuthenticationOptions({
        rpID: config.rpId,
        allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] })),
        userVerification: 'required',
        timeout: Math.max(1000, open.row.expiresAt.getTime() - at.getTime()),
      });
      // Stored with THIS request, as the library returned it: an assertion for another request cannot pass here.
      const saved = await store.write((w) => setApprovalChallenge(w, id, device.employeeId, options.challenge, at));
      if (!saved) return { ok: false, reason: 'closed' };
      return { ok: true, options: options as unknown as Record<string, unknown> & { challenge: string } };
    },

    async approve({ device, id, number, assertion, context }) {
      const open = await openRequest(device, id, now());
      if (!open.ok) return open;
      const row = open.row;
      const refuse = async (reason: DecisionRefusal) => {
        await audit.record(context, { ...about(device, row, { reason }), type: 'sign_in_approval_failed', outcome: 'failure' });
        return { ok: false as const, reason };
      };

      const challenge = challengeOf(assertion.response.clientDataJSON);
      // Claimed before verifying: a challenge is spent by any attempt, good or bad, and a replay finds it gone.
      if (!challenge || !(await store.write((w) => claimApprovalChallenge(w, id, challenge, now())))) return refuse('not_verified');
      const passkey = await findActivePasskey(store, assertion.id);
      if (!passkey || passkey.employeeId !== row.employeeId || passkey.deviceId !== device.id) return refuse('not_verified');

      let verification;
      try {
        verification = await verifyAuthenticationResponse({
          response: assertion as AuthenticationResponseJSON,
          expectedChallenge: challenge,
          expectedOrigin: config.origin,
          expectedRPID: config.rpId,
          requireUserVerification: true,
          credential: {
            id: passkey.credentialId,
            publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
            // A synced passkey may keep its counter at 0; the library refuses a counter that went back otherwise.
            counter: passkey.counter,
            transports: passkey.transports as AuthenticatorTransportFuture[],
          },
        });
      } catch {
        return refuse('not_verified');
      }
      if (!verification.verified || !verification.authenticationInfo.userVerified) return refuse('not_verified');
      const newCounter = verification.authenticationInfo.newCounter;

      const at = now();
      if (number !== row.number) {
        const counted = await store.write(async (w) => {
          await recordPasskeyUse(w, passkey.credentialId, newCounter, at);
          const result = await countWrongNumber(w, id, WRONG_NUMBER_LIMIT, at, device.id);
          if (result) await publishApprovalChange(store, w, id);
          return result;
        });
        if (!counted) return { ok: false, reason: 'closed' };
        return refuse(counted.status === 'denied' ? 'too_many_wrong_numbers' : 'wrong_number');
      }

      const approved = await store.write(async (w) => {
        const decided = await decideApprovalRequest(w, id, device.employeeId, 'approved', device.id, at);
        if (!decided) return null;
        await recordPasskeyUse(w, passkey.credentialId, newCounter, at);
        await recordInTransaction(w, at, context, { ...about(device, row), type: 'sign_in_approved', outcome: 'success' });
        await publishApprovalChange(store, w, id);
        return decided;
      });
      return approved ? { ok: true } : { ok: false, reason: 'closed' };
    },

    async report({ device, id, context }) {
      const at = now();
      const open = await openRequest(device, id, at);
      if (!open.ok) return open;
      const reported = await store.write(async (w) => {
        const decided = await decideApprovalRequest(w, id, device.employeeId, 'reported', device.id, at);
        if (!decided) return null;
        await recordInTransaction(w, at, context, {
          ...about(device, open.row, { from: open.row.ip }),
          type: 'sign_in_reported',
          // A refused sign-in, as Recent activity marks it.
          outcome: 'failure',
        });
        await publishApprovalChange(store, w, id);
        return decided;
      });
      return reported ? { ok: true } : { ok: false, reason: 'closed' };
    },

    purgeOld() {
      const before = new Date(now().getTime() - KEEP_MS);
      return store.write((w) => deleteOldApprovalRequests(w, before));
    },
  };
}

type AuthenticatorTransportFuture = 'ble' | 'cable' | 'hybrid' | 'internal' | 'nfc' | 'smart-card' | 'usb';
