import type { ProfileResponse } from '../../shared/api-schemas';
import type { SignedIn } from '../sessions/session-service';

/** What My Profile shows of the signed-in employee and their session. */
export function toProfile({ employee, session }: SignedIn): ProfileResponse {
  return {
    userId: employee.userId,
    employeeId: employee.employeeId,
    displayName: employee.displayName,
    preferredLanguage: employee.preferredLanguage,
    roles: employee.roles,
    previousSignIn:
      session.previousSignInAt && session.previousSignInMethod
        ? { at: session.previousSignInAt.toISOString(), method: session.previousSignInMethod }
        : null,
    currentSignIn: { at: session.createdAt.toISOString(), method: session.method },
  };
}
