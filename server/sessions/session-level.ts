/**
 * What a session may do. `full`: everything. `set-password`: only set a new password — after
 * proving identity through "Forgot your password?" (`reset`) or after signing in with a
 * temporary password (`temporary`). `enrol`: only enrol a method, for an employee who has none.
 */
export const SESSION_LEVELS = ['full', 'set-password', 'enrol'] as const;
export type SessionLevel = (typeof SESSION_LEVELS)[number];
export type SessionLevelReason = 'reset' | 'temporary';
