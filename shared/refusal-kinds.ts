/** Why a target system refused a new password, in the kinds an employee can act on (both sides read them). */
export const REFUSAL_KINDS = ['too_short', 'history', 'complexity', 'too_recent', 'account_disabled', 'account_locked', 'refused'] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];
