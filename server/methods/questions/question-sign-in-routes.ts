import { Hono } from 'hono';
import {
  questionAnswerRequest,
  questionStartRequest,
  type QuestionChallengeResponse,
  type SignInResponse,
} from '../../../shared/api-schemas';
import { levelAfterSignIn } from '../../auth/sign-in-level';
import { apiError, lockedFor } from '../../http/api-error';
import type { AppEnv } from '../../http/app-env';
import { requestContext } from '../../http/request-context';
import { validateJson } from '../../http/validate-json';
import { toAccess } from '../../profile/profile';
import type { Services } from '../../services';
import { readSessionCookie, writeSessionCookie } from '../../sessions/session-cookie';

/**
 * "Answer security questions", under /api/auth/questions: `start` gives the current attempt's
 * three questions, `answer` checks them and opens a session like a password sign-in does.
 * `purpose` is what the employee came for: signing in, or resetting a forgotten password
 * (which opens a session limited to setting a new one). The questions do not depend on it, so
 * switching purpose cannot buy a new draw.
 */
export function questionSignInRoutes({ questionSignIn, sessions, now }: Services) {
  return new Hono<AppEnv>()
    .post('/start', validateJson(questionStartRequest), async (c) => {
      const { userId } = c.req.valid('json');
      const result = await questionSignIn.start({ userId, context: requestContext(c) });
      if (!result.ok) {
        const lock = lockedFor(result.until, now());
        c.header('Retry-After', String(lock.retryAfterSeconds));
        return apiError(c, 429, result.reason, lock);
      }
      const body: QuestionChallengeResponse = { questions: result.questions };
      return c.json(body, 200);
    })
    .post('/answer', validateJson(questionAnswerRequest), async (c) => {
      const { userId, purpose, answers } = c.req.valid('json');
      const context = requestContext(c);
      const result = await questionSignIn.answer({ userId, purpose, answers, context });
      if (!result.ok) {
        if (result.reason === 'wrong_answers') return apiError(c, 401, 'wrong_answers');
        const lock = lockedFor(result.until, now());
        c.header('Retry-After', String(lock.retryAfterSeconds));
        return apiError(c, 429, result.reason, lock);
      }
      // As for a password: a new session id, the browser's previous session ends.
      const level = levelAfterSignIn(result.employee, purpose);
      const started = await sessions.start({
        employeeId: result.employee.id,
        method: 'questions',
        level,
        context,
        replaces: readSessionCookie(c),
        resets: result.resets,
        audit: { details: { purpose } },
      });
      writeSessionCookie(c, started.token, started.expiresAt);
      const body: SignInResponse = {
        access: toAccess({ level: level.level, levelReason: level.reason ?? null, levelExpiresAt: started.levelExpiresAt }),
      };
      return c.json(body, 200);
    });
}
