/**
 * Which level a new session gets, and which comes after the step it demands. The source
 * guide's rule: an employee with a temporary password sets a new one at once, and one who has
 * no enrolled method then enrols, before anything else.
 */
import type { Employee } from '../directory/directory';
import type { Level } from '../sessions/session-service';

/** Why the employee proved who they are: to sign in, or to reset a forgotten password. */
export type SignInPurpose = 'sign-in' | 'reset';

export function levelAfterSignIn(employee: Employee, purpose: SignInPurpose): Level {
  if (purpose === 'reset') return { level: 'set-password', reason: 'reset' };
  if (employee.mustChangePassword) return { level: 'set-password', reason: 'temporary' };
  return { level: 'full' };
}

/** After a new password: enrol first if the employee has no method to reset it next time. */
export function levelAfterPasswordSet(hasEnrolledMethod: boolean): Level {
  return hasEnrolledMethod ? { level: 'full' } : { level: 'enrol' };
}
