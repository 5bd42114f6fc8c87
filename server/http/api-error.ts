import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ErrorCode } from '../../shared/error-codes';
import type { PasswordPolicy } from '../../shared/password-policy';
import { errorMessage } from '../i18n/messages';
import { callerLanguage, type AppEnv } from './app-env';

/** The one shape of every error: `{ error, message }`, the message in the caller's language. */
// Any context (Hono's default generics): the validator's hook hands over one typed without this app's variables.
export function apiError<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: ErrorCode,
  extra: Omit<ApiErrorBody, 'error' | 'message'> & { minutes?: number; policy?: PasswordPolicy } = {},
) {
  // `minutes` and `policy` only word the message; the rest goes into the body.
  const { minutes, policy, ...rest } = extra;
  const vars = c.var as Partial<AppEnv['Variables']>;
  const language = callerLanguage(vars.language);
  const message = errorMessage(code, language, {
    helpDeskPhone: vars.organisation?.helpDeskPhone ?? '',
    minutes,
    failedRules: rest.failedRules,
    policy,
    attemptsLeft: rest.attemptsLeft,
    lockMinutes: rest.lockMinutes,
    refusal: rest.refusal,
    primarySystem: vars.organisation?.primarySystem[language],
  });
  const body: ApiErrorBody = { error: code, message, ...rest };
  return c.json(body, status);
}

/** A lock's remaining time, for Retry-After and for the message's "N minutes". */
export function lockedFor(until: Date, now: Date): { retryAfterSeconds: number; minutes: number } {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return { retryAfterSeconds: seconds, minutes: Math.max(1, Math.ceil(seconds / 60)) };
}
