/**
 * "Mobile device" sign-in, by number matching: the waiting browser's requests and the phone's.
 * The waiting browser is identified by its own cookie, the phone by its device credential; what
 * the bodies carry is checked here for shape and size, and by the server for what it proves.
 */
import { z } from 'zod';
import { signInPurposeSchema, userIdSchema } from './api-schemas';
import { authenticationResponseSchema } from './device-schemas';

export const mobileStartRequest = z.strictObject({ userId: userIdSchema, purpose: signInPurposeSchema });

/** The number the waiting screen shows, that the employee types on the phone: two digits, 10–99. */
export const APPROVAL_NUMBER_MIN = 10;
export const APPROVAL_NUMBER_MAX = 99;

export const approvalIdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'a request id') });

export const approveRequest = z.strictObject({
  number: z.number().int().min(0).max(999),
  assertion: authenticationResponseSchema,
});

export type ApproveRequest = z.infer<typeof approveRequest>;

/** What the waiting browser learns (a report, "It wasn't me", is a denial to it). */
export type WaitingStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'cancelled' | 'collected';

export interface MobileStartResponse {
  requestId: string;
  number: number;
  /** ISO time; the screen counts down to it on its own clock from `secondsLeft`. */
  expiresAt: string;
  secondsLeft: number;
}

export interface MobileStatusResponse {
  status: WaitingStatus;
  secondsLeft: number;
}

/** A request as the phone's approval screen shows it. */
export interface DeviceRequestItem {
  id: string;
  createdAt: string;
  expiresAt: string;
  secondsLeft: number;
  /** From the waiting browser's user agent (null for what it does not say). */
  browser: string | null;
  system: string | null;
  ip: string;
  status: 'pending' | 'approved' | 'denied' | 'reported' | 'expired' | 'cancelled' | 'collected';
}

export interface DeviceRequestsResponse {
  requests: DeviceRequestItem[];
}

export interface ApprovalOptionsResponse {
  /** `PublicKeyCredentialRequestOptionsJSON`, for `startAuthentication({ optionsJSON })`. */
  options: Record<string, unknown> & { challenge: string };
}

export interface ApprovalDecisionResponse {
  status: 'approved' | 'reported';
}
