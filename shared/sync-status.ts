/**
 * Where a linked account's synchronisation stands: `pending` (waiting or being retried), `done`,
 * `failed` (refused by the system, or unreachable for 24 hours), or `superseded` (a newer change
 * of the password replaced it before it ran).
 */
import type { RefusalKind } from './refusal-kinds';

export const SYNC_STATUSES = ['pending', 'done', 'failed', 'superseded'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/** Why a job failed: the system's refusal, or the system was unavailable until the deadline. */
export type SyncFailureReason = RefusalKind | 'unavailable';
