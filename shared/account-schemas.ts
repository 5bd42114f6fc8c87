/**
 * My Profile → "Attach other accounts" and "Your accounts": what the page sends and reads.
 * Passwords typed here are checked against their target and never stored or logged.
 */
import { z } from 'zod';
import type { Language } from './languages';
import type { SyncFailureReason, SyncStatus } from './sync-status';

/** Account names as systems have them: no control characters (NUL, newlines), at most 256 characters. */
export const accountNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(256)
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { message: 'no control characters' });

export const ATTACH_ROWS_MAX = 20;

export const attachAccountsRequest = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        targetId: z.string().min(1).max(40),
        account: accountNameSchema,
        password: z.string().min(1).max(256),
      }),
    )
    .min(1)
    .max(ATTACH_ROWS_MAX),
});
export type AttachAccountsRequest = z.input<typeof attachAccountsRequest>;

export const accountLinkParams = z.strictObject({ id: z.string().min(1).max(64) });

/** "Try again" on a failed synchronisation: the employee's current password, typed again. */
export const retrySyncRequest = z.strictObject({ password: z.string().min(1).max(256) });

/** Each row's outcome, in the order sent. */
export type AttachOutcome = 'attached' | 'already_linked' | 'wrong_account_or_password' | 'unavailable' | 'unknown_target';

export interface AttachAccountsResponse {
  results: Array<{ targetId: string; account: string; outcome: AttachOutcome }>;
}

export interface TargetItem {
  id: string;
  name: Record<Language, string>;
}

export interface LinkedAccountItem {
  id: string;
  targetId: string;
  account: string;
  linkedHow: 'found' | 'attached';
  sync: { status: SyncStatus; reason: SyncFailureReason | null; at: string } | null;
}

export interface AccountsResponse {
  targets: TargetItem[];
  accounts: LinkedAccountItem[];
}

/** Whether some linked account is still waiting for its new password (its progress is worth following). */
export const syncInProgress = (accounts: readonly LinkedAccountItem[]): boolean => accounts.some((a) => a.sync?.status === 'pending');
