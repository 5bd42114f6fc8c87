/**
 * What the page says for each error code, in the page's language. Called from render() so that
 * a message already on screen follows a language switch.
 *
 * One entry per code, as a Record: a code added to shared/error-codes.ts without a text here
 * fails the typecheck instead of falling through to a generic message.
 */
import { msg, str } from '@lit/localize';
import { refusalMessage } from '../../shared/messages/refusal-messages';
import { REFUSAL_KINDS, type RefusalKind } from '../../shared/refusal-kinds';
import { currentLanguage } from '../i18n/language';
import type { ApiFailure, ClientErrorCode } from './api-client';

type ErrorTextOf = (failure: ApiFailure, helpDeskPhone: string, primarySystem: string) => string;

const isRefusalKind = (kind: unknown): kind is RefusalKind => (REFUSAL_KINDS as readonly unknown[]).includes(kind);

/** Minutes until a lock or rate limit ends, rounded up; 15 when the server did not say. */
function minutesLeft(failure: ApiFailure): number {
  return failure.retryAfterSeconds ? Math.max(1, Math.ceil(failure.retryAfterSeconds / 60)) : 15;
}

/**
 * "2 attempts left before this method is locked for 15 minutes." after a wrong secret, when the
 * server says few tries are left (the same for every user ID, known or not); '' otherwise.
 */
function lockWarning(failure: ApiFailure): string {
  const left = failure.attemptsLeft;
  if (!left) return '';
  const minutes = failure.lockMinutes ?? 15;
  // One message per plural case (no plural rules in @lit/localize); the minutes are never 1 in practice, but may be.
  if (left === 1)
    return minutes === 1
      ? msg('1 attempt left before this method is locked for 1 minute.')
      : msg(str`1 attempt left before this method is locked for ${minutes} minutes.`);
  return minutes === 1
    ? msg(str`${left} attempts left before this method is locked for 1 minute.`)
    : msg(str`${left} attempts left before this method is locked for ${minutes} minutes.`);
}

/** A wrong secret's text, followed by the lock's warning when there is one. */
const withWarning = (text: string, failure: ApiFailure) => {
  const warning = lockWarning(failure);
  return warning ? `${text} ${warning}` : text;
};

const somethingWentWrong: ErrorTextOf = (_failure, helpDeskPhone) =>
  msg(str`Something went wrong on our side. Try again, or call the Help Desk at ${helpDeskPhone}.`);

const errorTexts: Record<ClientErrorCode, ErrorTextOf> = {
  invalid_request: () => msg('Check what you entered and try again.'),
  invalid_credentials: (failure) => withWarning(msg('The user ID or password is incorrect.'), failure),
  wrong_answers: (failure) => withWarning(msg('One or more answers are incorrect.'), failure),
  invalid_answers: () => msg('Some answers do not follow the rules: see each question.'),
  password_policy: () => msg('This password cannot be used. Choose one that meets every requirement in the list.'),
  // The primary directory's refusal in words naming it: the same texts as the server's and the
  // synchronisation's (shared/messages/refusal-messages.ts), in the page's language.
  password_refused: (failure, helpDeskPhone, primarySystem) =>
    isRefusalKind(failure.refusal) && primarySystem
      ? refusalMessage(failure.refusal, currentLanguage(), primarySystem)
      : (failure.message ?? somethingWentWrong(failure, helpDeskPhone, primarySystem)),
  // @lit/localize has no plural rules: the one-minute case is its own message.
  locked: (failure, helpDeskPhone) => {
    const minutes = minutesLeft(failure);
    return minutes === 1
      ? msg(
          str`Too many failed attempts. This sign-in method is locked for 1 minute for this user ID. Try again later, or call the Help Desk at ${helpDeskPhone}.`,
        )
      : msg(
          str`Too many failed attempts. This sign-in method is locked for ${minutes} minutes for this user ID. Try again later, or call the Help Desk at ${helpDeskPhone}.`,
        );
  },
  rate_limited: (failure, helpDeskPhone) => {
    const minutes = minutesLeft(failure);
    return minutes === 1
      ? msg(str`Too many failed attempts from this network. Try again in 1 minute, or call the Help Desk at ${helpDeskPhone}.`)
      : msg(str`Too many failed attempts from this network. Try again in ${minutes} minutes, or call the Help Desk at ${helpDeskPhone}.`);
  },
  unauthenticated: () => msg('Your session has ended. Sign in again.'),
  reauthentication_required: () => msg('To change how you prove who you are, enter your password again.'),
  restricted_session: () => msg('Finish the step you were sent to first: set your new password, or enrol your security questions.'),
  forbidden: () => msg('You do not have access to this page.'),
  // The page always sends its own origin; this means something between it and the server changed the request.
  forbidden_origin: () => msg('The request was refused because it did not come from this page. Reload the page and try again.'),
  device_unknown: () => msg('This device is not enrolled, or it was removed. Add it again from My Profile.'),
  invalid_code: () => msg('This code is not right, or it was already used. Enter the code the app shows now.'),
  passkey_not_verified: () => msg('The passkey could not be verified. Start again.'),
  passkey_cancelled: () => msg('The passkey check was cancelled or did not succeed. Try again.'),
  enrolment_link_unknown: () =>
    msg(
      'This link to add a phone is not valid. On your computer, open My Profile, then Mobile devices, and choose "Add a phone" for a new code.',
    ),
  enrolment_link_used: () =>
    msg('This link to add a phone was already used. Each code adds one phone: ask for a new code on your computer.'),
  enrolment_link_expired: () =>
    msg('This link to add a phone has expired: a code is valid for 5 minutes. Ask for a new code on your computer.'),
  enrolment_link_replaced: () => msg('This link to add a phone was replaced by a newer code. Scan the code now shown on your computer.'),
  approval_limit: (failure, helpDeskPhone) => {
    const minutes = minutesLeft(failure);
    return minutes === 1
      ? msg(str`Too many sign-in requests were sent to this phone. Try again in 1 minute, or call the Help Desk at ${helpDeskPhone}.`)
      : msg(
          str`Too many sign-in requests were sent to this phone. Try again in ${minutes} minutes, or call the Help Desk at ${helpDeskPhone}.`,
        );
  },
  directory_unavailable: (_failure, helpDeskPhone) =>
    msg(
      str`The directory that checks passwords cannot be reached right now. Try again in a few minutes, or call the Help Desk at ${helpDeskPhone}.`,
    ),
  attach_locked: (failure, helpDeskPhone) => {
    const minutes = minutesLeft(failure);
    return minutes === 1
      ? msg(
          str`Too many accounts could not be attached with the user ID and password given. Try again in 1 minute, or call the Help Desk at ${helpDeskPhone}.`,
        )
      : msg(
          str`Too many accounts could not be attached with the user ID and password given. Try again in ${minutes} minutes, or call the Help Desk at ${helpDeskPhone}.`,
        );
  },
  sync_not_failed: () => msg('This account needs no new try: its password is being sent, or it already has it.'),
  approval_closed: () => msg('This sign-in request is no longer waiting: it expired, was replaced or was already answered.'),
  approval_not_ready: () => msg('This sign-in has not been approved on the phone. Send a new request.'),
  wrong_number: () => msg('That is not the number shown on the other screen. Check it and try again.'),
  too_many_wrong_numbers: () => msg('The wrong number was entered three times, so this sign-in request was denied.'),
  payload_too_large: () => msg('What you entered is too long.'),
  not_found: () => msg('What you asked for was not found. Reload the page and try again.'),
  internal: somethingWentWrong,
  offline: () => msg('You are offline. Connect to a network, then try again.'),
  unexpected: somethingWentWrong,
};

/** `primarySystem`: the organisation's name for its primary directory, in the page's language (for `password_refused`). */
export function errorText(failure: ApiFailure, helpDeskPhone: string, primarySystem = ''): string {
  // A server newer than this page may send a code the page does not know yet.
  const text = errorTexts[failure.error] ?? somethingWentWrong;
  return text(failure, helpDeskPhone, primarySystem);
}
