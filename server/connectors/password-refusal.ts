/**
 * Why a directory refused a new password, in the few kinds an employee can act on. Directories
 * answer with a result code and free text (OpenLDAP's ppolicy: "Password fails quality checking
 * policy"; Active Directory: "0000052D: Constraint violation - check_password_restrictions: the
 * password is too short…"). The kind is read from both; the raw text is kept for the log only.
 */
import type { RefusalKind } from '../../shared/refusal-kinds';

export interface PasswordRefusal {
  kind: RefusalKind;
  /** The directory's own words, for the log: never shown, never stored in the audit trail. */
  raw: string;
}

/** Patterns in a directory's diagnostic message, most specific first. */
const PATTERNS: ReadonlyArray<[RefusalKind, RegExp]> = [
  ['history', /history/i],
  ['too_recent', /too young|too recent|minimum password age|pwdMinAge/i],
  ['too_short', /too short|minimum length|pwdMinLength/i],
  ['complexity', /complexity|quality|dictionary|not complex/i],
  // Active Directory's bind and modify diagnostics carry a "data NNN" sub-code.
  ['account_disabled', /data 533\b|account (?:is )?disabled|ACCOUNT_DISABLED/i],
  ['account_locked', /data 775\b|account (?:is )?locked|ACCOUNT_LOCKED_OUT/i],
];

export function classifyRefusal(raw: string): PasswordRefusal {
  for (const [kind, pattern] of PATTERNS) if (pattern.test(raw)) return { kind, raw };
  return { kind: 'refused', raw };
}
