import { Hono } from 'hono';
import { securityQuestionsRequest, type SignInResponse } from '../../../shared/api-schemas';
import type { ApiErrorBody } from '../../../shared/error-codes';
import type { AppEnv } from '../../http/app-env';
import { callerLanguage } from '../../http/app-env';
import { requestContext } from '../../http/request-context';
import { validateJson } from '../../http/validate-json';
import { invalidAnswersMessage } from '../../i18n/answer-rule-messages';
import type { Services } from '../../services';
import { requireSession } from '../../sessions/require-session';
import { issueSessionCookie } from '../../sessions/session-cookie';

/**
 * My Profile → "Security questions", under /api/profile/security-questions: the `enrol` area,
 * open to full sessions and to those sent to enrol first. Replacing them changes how the
 * employee proves who they are: a full session needs a recent proof (`recentProof`); one sent to
 * enrol first has just set its password and is not asked again.
 */
export function securityQuestionsRoutes({ sessions, questionEnrolment, config }: Services) {
  const enrolling = requireSession(sessions, { area: 'enrol' });
  const replacing = requireSession(sessions, { area: 'enrol', recentProof: true });
  return new Hono<AppEnv>()
    .get('/', enrolling, async (c) => c.json(await questionEnrolment.enrolled(c.get('signedIn').employee.id), 200))
    .put('/', replacing, validateJson(securityQuestionsRequest), async (c) => {
      const language = callerLanguage(c.get('language'));
      const result = await questionEnrolment.enrol({
        signedIn: c.get('signedIn'),
        questions: c.req.valid('json').questions,
        callerLanguage: language,
        context: requestContext(c),
      });
      if (!result.ok) {
        const body: ApiErrorBody = {
          error: 'invalid_answers',
          message: invalidAnswersMessage(result.problems, language, {
            answerMinLength: config.questions.answerMinLength,
            helpDeskPhone: c.get('organisation').helpDeskPhone,
          }),
          problems: result.problems,
        };
        return c.json(body, 400);
      }
      if (result.started) issueSessionCookie(c, result.started);
      const body: SignInResponse = { access: result.access };
      return c.json(body, 200);
    });
}
