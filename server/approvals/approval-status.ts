/**
 * Where an approval request stands. `pending` until the phone decides or it expires; `approved`
 * until the waiting browser collects its session (`collected`); `denied` after three wrong
 * numbers, `reported` after "It wasn't me"; `cancelled` when a newer request replaced it.
 * `expired` is never stored: a pending request past its time reads as expired.
 */
export const APPROVAL_STATUSES = ['pending', 'approved', 'denied', 'reported', 'expired', 'cancelled', 'collected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export type { WaitingStatus } from '../../shared/approval-schemas';
