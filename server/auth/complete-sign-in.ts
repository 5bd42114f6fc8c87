/**
 * The one place a sign-in becomes a session: whichever method proved who the employee is, the
 * proof (sign-in-proof.ts) turns into a new session (a new token every time; the browser's
 * previous session ends) at the level the employee's situation calls for, and this browser is
 * issued its cookie.
 *
 * `c` is the request of the browser that *collects* the session, which need not be where the
 * proof was made: with the mobile device, a phone approves a sign-in started in another browser,
 * and that waiting browser then asks for its session with a request of its own (an event stream
 * cannot set a cookie). That request's cookie is the one replaced, its address and user agent
 * the ones the session and the audit trail record, and its response carries the cookie.
 */
import type { Context } from 'hono';
import type { SignInResponse } from '../../shared/api-schemas';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { toAccess } from '../profile/profile';
import type { Services } from '../services';
import { issueSessionCookie, readSessionCookie } from '../sessions/session-cookie';
import { levelAfterSignIn } from './sign-in-level';
import { ProofSpent, type SignInProof } from './sign-in-proof';
import { apiError } from '../http/api-error';

export async function completeSignIn(
  c: Context<AppEnv>,
  { sessions, methods }: Pick<Services, 'sessions' | 'methods'>,
  proof: SignInProof,
) {
  let started;
  const level = levelAfterSignIn(proof.employee, proof.purpose);
  try {
    if (proof.purpose === 'reset' && !methods.get(proof.method).canReset) {
      throw new Error(`method ${proof.method} cannot prove identity for a reset`);
    }
    started = await sessions.start({
      employeeId: proof.employee.id,
      method: proof.method,
      level,
      context: requestContext(c),
      replaces: readSessionCookie(c),
      resets: proof.resets ?? undefined,
      audit: proof.details ? { details: proof.details } : undefined,
      spend: proof.spend,
      settle: proof.settle,
    });
  } catch (error) {
    // No session opened: the attempt that proved it still gives its room back.
    await proof.settle?.release();
    // Two requests carried the same one-time proof: the first one's session opened.
    if (error instanceof ProofSpent) return apiError(c, 401, error.refused);
    throw error;
  }
  issueSessionCookie(c, started);
  const body: SignInResponse = {
    access: toAccess({ level: level.level, levelReason: level.reason ?? null, levelExpiresAt: started.levelExpiresAt }),
  };
  return c.json(body, 200);
}
