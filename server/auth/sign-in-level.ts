/**
 * Which level a new session gets, and which comes after the step it demands. The source
 * guide's rule: an employee with a temporary password sets a new one at once, and one who has
 * no enrolled method that can reset it then enrols, before anything else.
 */
import type { SignInPurpose } from '../../shared/api-schemas';
import type { Employee } from '../directory/directory';
import type { Level } from '../sessions/session-service';

export type { SignInPurpose };

export function levelAfterSignIn(employee: Employee, purpose: SignInPurpose): Level {
  if (purpose === 'reset') return { level: 'set-password', reason: 'reset' };
  if (employee.mustChangePassword) return { level: 'set-password', reason: 'temporary' };
  return { level: 'full' };
}

/**
 * After a new password: enrol first if the employee has no method to reset it next time
 * (`MethodRegistry.hasResetMethod`).
 */
export function levelAfterPasswordSet(hasResetMethod: boolean): Level {
  return hasResetMethod ? { level: 'full' } : { level: 'enrol' };
}
