/**
 * Which level a new session gets, and which comes after the step it demands. The source
 * guide's rule: an employee with a temporary password sets a new one at once, and one who has
 * no enrolled method then enrols, before anything else.
 */
import type { Employee } from '../directory/directory';
export type { SignInPurpose };
import type { Level } from '../sessions/session-service';

import type { SignInPurpose } from '../../shared/api-schemas';

export function levelAfterSignIn(employee: Employee, purpose: SignInPurpose): Level {
  if (purpose === 'reset') return { level: 'set-password', reason: 'reset' };
  if (employee.mustChangePassword) return { level: 'set-password', reason: 'temporary' };
  return { level: 'full' };
}

/** After a new password: enrol first if the employee has no method to reset it next time. */
export function levelAfterPasswordSet(hasEnrolledMethod: boolean): Level {
  return hasEnrolledMethod ? { level: 'full' } : { level: 'enrol' };
}
