import type { ProfileResponse, SessionAccess } from '../../shared/api-schemas';
import type { SessionRow } from '../db/queries/sessions';
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

/** The session's level as the client sees it. */
export function toAccess(session: Pick<SessionRow, 'level' | 'levelReason' | 'levelExpiresAt'>): SessionAccess {
  if (session.level === 'set-password') {
    return {
      level: 'set-password',
      reason: session.levelReason ?? 'reset',
      until: (session.levelExpiresAt ?? new Date()).toISOString(),
    };
  }
  return session.level === 'enrol' ? { level: 'enrol' } : { level: 'full' };
}
