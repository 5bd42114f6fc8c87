import { Hono, type Context } from 'hono';
import {
  commonRangeParams,
  passwordChangeRequest,
  passwordSetRequest,
  type CommonRangeResponse,
  type PasswordPolicyResponse,
  type PasswordSavedResponse,
} from '../../shared/api-schemas';
import type { Clock } from '../clock';
import { lockedResponse } from '../auth/locked-response';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { validateJson } from '../http/validate-json';
import { validateParam } from '../http/validate-param';
import type { Services } from '../services';
import { requireSession } from '../sessions/require-session';
import { issueSessionCookie } from '../sessions/session-cookie';
import type { PasswordSaveResult, PasswordService } from './password-service';

/** A saved password's answer: the session's new cookie and level, or why nothing was saved. */
function answer(c: Context<AppEnv>, result: PasswordSaveResult, passwords: PasswordService, now: Clock) {
  if (result.ok) {
    issueSessionCookie(c, result);
    const body: PasswordSavedResponse = { access: result.access };
    return c.json(body, 200);
  }
  switch (result.reason) {
    case 'password_policy':
      return apiError(c, 400, 'password_policy', { failedRules: result.failedRules, policy: passwords.policy });
    case 'invalid_credentials':
      return apiError(c, 401, 'invalid_credentials');
    case 'password_refused':
      // The primary directory's own policy: in words naming that system (organisation texts).
      return apiError(c, 422, 'password_refused', { refusal: result.refusal });
    case 'locked':
      return lockedResponse(c, { reason: 'locked', until: result.until }, now);
  }
}

/**
 * The password policy, the common-password range the browser's checklist asks, changing a
 * password (full session) and setting one (a session limited to that step).
 */
export function passwordRoutes({ sessions, passwords, now }: Services) {
  // Only the screens with a new-password field use the policy and the range.
  const newPasswordScreens = requireSession(sessions, { area: 'password-policy' });
  return new Hono<AppEnv>()
    .get('/policy', newPasswordScreens, (c) => {
      const body: PasswordPolicyResponse = passwords.policy;
      return c.json(body, 200);
    })
    .get('/common-range/:prefix', newPasswordScreens, validateParam(commonRangeParams), async (c) => {
      const body: CommonRangeResponse = { suffixes: await passwords.commonRange(c.req.valid('param').prefix) };
      return c.json(body, 200);
    })
    .post('/change', requireSession(sessions, { area: 'profile' }), validateJson(passwordChangeRequest), async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      const actor = c.get('signedIn');
      const result = await passwords.change({ actor, subject: actor.employee, currentPassword, newPassword, context: requestContext(c) });
      return answer(c, result, passwords, now);
    })
    .post('/set', requireSession(sessions, { area: 'set-password' }), validateJson(passwordSetRequest), async (c) => {
      const { newPassword } = c.req.valid('json');
      const actor = c.get('signedIn');
      const result = await passwords.set({ actor, subject: actor.employee, newPassword, context: requestContext(c) });
      return answer(c, result, passwords, now);
    });
}
