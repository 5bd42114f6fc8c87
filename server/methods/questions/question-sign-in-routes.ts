import { Hono } from 'hono';
import { questionAnswerRequest, questionStartRequest, type QuestionChallengeResponse } from '../../../shared/api-schemas';
import { completeSignIn } from '../../auth/complete-sign-in';
import { lockedResponse } from '../../auth/locked-response';
import { apiError } from '../../http/api-error';
import type { AppEnv } from '../../http/app-env';
import { requestContext } from '../../http/request-context';
import { validateJson } from '../../http/validate-json';
import type { Services } from '../../services';

/**
 * "Answer security questions", under /api/auth/questions: `start` gives the current attempt's
 * three questions, `answer` checks them and opens a session like a password sign-in does.
 * `purpose` is what the employee came for: signing in, or resetting a forgotten password
 * (which opens a session limited to setting a new one). The questions do not depend on it, so
 * switching purpose cannot buy a new draw.
 */
export function questionSignInRoutes(services: Services) {
  const { questionSignIn, now } = services;
  return new Hono<AppEnv>()
    .post('/start', validateJson(questionStartRequest), async (c) => {
      const { userId } = c.req.valid('json');
      const result = await questionSignIn.start({ userId, context: requestContext(c) });
      if (!result.ok) return lockedResponse(c, result, now);
      const body: QuestionChallengeResponse = { questions: result.questions };
      return c.json(body, 200);
    })
    .post('/answer', validateJson(questionAnswerRequest), async (c) => {
      const { userId, purpose, answers } = c.req.valid('json');
      const context = requestContext(c);
      const result = await questionSignIn.answer({ userId, purpose, answers, context });
      if (!result.ok) {
        if (result.reason === 'wrong_answers') return apiError(c, 401, 'wrong_answers', { ...result.warning });
        return lockedResponse(c, result, now);
      }
      return completeSignIn(c, services, result.proof);
    });
}
