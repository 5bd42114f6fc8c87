/**
 * Session levels as data: what each level admits, in the one table both sides read — the
 * server's `requireSession` (each route names the area it belongs to) and the client's screen
 * guard (each route entry names its area too). A session is `full`, or limited to the one step
 * the employee must take first: `set-password` (after "Forgot your password?" or with a
 * temporary password) or `enrol` (after a temporary password, for an employee who has no
 * method that can prove identity for a reset).
 */
export const SESSION_LEVELS = ['full', 'set-password', 'enrol'] as const;
export type SessionLevel = (typeof SESSION_LEVELS)[number];
export type SessionLevelReason = 'reset' | 'temporary';

/**
 * What a route or a screen is for. `profile`: My Profile and what hangs from it; `enrol`:
 * enrolling a method; `set-password`: choosing a new password without the old one;
 * `password-policy`: reading the rules a new password must meet (every screen that asks for one).
 */
export const AREAS = ['profile', 'enrol', 'set-password', 'password-policy'] as const;
export type Area = (typeof AREAS)[number];

export interface LevelRule {
  /** The areas a session at this level may reach. */
  readonly admits: readonly Area[];
  /** Where the employee is sent when they ask for something the level does not admit. */
  readonly landing: Area;
  /**
   * Whether changing how the employee proves who they are (security questions, devices) needs a
   * recent proof at this level: a sign-in or the password typed again within the last few
   * minutes, so that a borrowed session cannot replace a proof and then reset the password with
   * it. Not at `enrol`: that session has just set its new password, and enrolling is its step.
   */
  readonly asksRecentProof: boolean;
}

export const LEVEL_RULES: Readonly<Record<SessionLevel, LevelRule>> = {
  full: { admits: ['profile', 'enrol', 'password-policy'], landing: 'profile', asksRecentProof: true },
  'set-password': { admits: ['set-password', 'password-policy'], landing: 'set-password', asksRecentProof: true },
  enrol: { admits: ['enrol'], landing: 'enrol', asksRecentProof: false },
};

export function levelAdmits(level: SessionLevel, area: Area): boolean {
  return LEVEL_RULES[level].admits.includes(area);
}

/**
 * Until when a session's last proof (at `proofAt`) lets it change a proof, given how long a
 * proof stays recent; null when its level does not ask for one.
 */
export function recentProofUntil(level: SessionLevel, proofAt: Date, recentProofMs: number): Date | null {
  return LEVEL_RULES[level].asksRecentProof ? new Date(proofAt.getTime() + recentProofMs) : null;
}
