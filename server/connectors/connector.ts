/**
 * A target system's connector: what Sésame needs of any system an employee has an account on —
 * the built-in accounts table, an OpenLDAP directory, Active Directory. Attaching an account
 * proves it with `verify`; "Your accounts" lists what `find` returns for the employee's own user
 * ID; synchronisation calls `setPassword` for each linked account.
 *
 * A system that cannot be reached throws `TargetUnavailable` (the sync queue retries it later);
 * a system that answers but refuses a password returns a `PasswordRefusal`, which the employee is
 * shown in words. Neither carries a password.
 */
import type { PasswordRefusal } from './password-refusal';

export interface TargetAccount {
  /** The account's name on that system, as the employee types it (uid, sAMAccountName…). */
  account: string;
  /** Where the system keeps it (an LDAP DN), for the log and for writes; never shown. */
  locator: string;
}

export type VerifyOutcome = 'ok' | 'wrong';

export type SetPasswordOutcome = { ok: true } | { ok: false; refusal: PasswordRefusal };

export interface Connector {
  /** Whether `password` is the password of `account` on this system. */
  verify(account: string, password: string): Promise<VerifyOutcome>;
  /** The accounts on this system that carry the employee's user ID. */
  find(userId: string): Promise<TargetAccount[]>;
  /** Gives `account` this new password, as an administrator of the system would. */
  setPassword(account: string, password: string): Promise<SetPasswordOutcome>;
  /** Whether the system answers at all (for the operator's checks and the UI's "unavailable"). */
  reachable(): Promise<boolean>;
  close(): Promise<void>;
}

/** The system did not answer, or not in time: nothing was decided, try again later. */
export class TargetUnavailable extends Error {
  constructor(
    readonly target: string,
    readonly reason: string,
  ) {
    super(`${target} is unavailable: ${reason}`);
    this.name = 'TargetUnavailable';
  }
}
