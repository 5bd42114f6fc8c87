/**
 * The primary directory: where employees and their passwords live. The built-in SQL directory
 * (sql-directory.ts) and the LDAP / Active Directory one (ldap-directory.ts, SESAME_DIRECTORY=ldap)
 * implement it, so the password core (server/password/) and the methods only ever talk to it.
 */
import type { Language } from '../../shared/languages';
import type { PasswordRefusal } from '../connectors/password-refusal';
import type { Writer } from '../db/store';
import type { Role } from './roles';

/** The attributes Sésame reads of an employee (an LDAP directory maps its own onto these). */
export interface Employee {
  /** Sésame's own stable id for the employee (sessions, enrolments and the audit trail point at it). */
  id: string;
  /** What the employee types to sign in. */
  userId: string;
  employeeId: string;
  displayName: string;
  preferredLanguage: Language;
  roles: Role[];
  /** A temporary password: it must be changed at the next sign-in. */
  mustChangePassword: boolean;
  disabled: boolean;
}

export interface SetPasswordOptions {
  /** Whether the subject must choose another one at their next sign-in (a temporary password). */
  mustChangeAtNextSignIn: boolean;
  /** The new password may not be one of this many latest ones, the current one included (0: no rule). */
  notAmongLatest: number;
  /**
   * For a change that proved the current password: the change applies only if this is still the
   * password it replaces (as LDAP's Password Modify takes the old password). Two changes that
   * both proved the same password race: without it, the later one would be saved over the first.
   */
  currentPassword?: string;
}

/**
 * A new password, ready to be saved: the slow work (hashing, comparing with the history) is
 * done, and `write` saves it inside the caller's transaction — with the session's change of
 * level and the audit event — or throws `PasswordChangedMeanwhile` when another change won.
 * A directory that keeps the password itself (LDAP) has already taken it when this returns, and
 * `write` records only what Sésame keeps; when it refused the password, `refused` says why (the
 * raw text for the log only) and nothing was changed.
 */
export type PasswordSetting =
  | { ok: false; reason: 'recent' }
  | { ok: false; reason: 'refused'; refusal: PasswordRefusal }
  | { ok: true; write(w: Writer): Promise<void> };

/** Another change of the same password was saved between reading it and saving this one. */
export class PasswordChangedMeanwhile extends Error {}

export interface Directory {
  /** The employee with this user ID, disabled or not, or null. */
  find(userId: string): Promise<Employee | null>;
  /**
   * The employee whose user ID and password these are, or null — for a wrong password, an
   * unknown user ID or a disabled account alike, after the same amount of work.
   */
  verifyPassword(userId: string, password: string): Promise<Employee | null>;
  /** Prepares `subject`'s new password (see `PasswordSetting`); refused when it is a recent one. */
  setPassword(subject: Employee, newPassword: string, options: SetPasswordOptions): Promise<PasswordSetting>;
}
