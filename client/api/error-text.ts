/**
 * What the page says for each error code, in the page's language. Called from render() so that
 * a message already on screen follows a language switch.
 */
import { msg, str } from '@lit/localize';
import type { ApiFailure } from './api-client';

export function errorText(failure: ApiFailure, helpDeskPhone: string): string {
  const minutes = failure.retryAfterSeconds ? Math.max(1, Math.ceil(failure.retryAfterSeconds / 60)) : 15;
  switch (failure.error) {
    case 'invalid_credentials':
      return msg('The user ID or password is incorrect.');
    case 'wrong_answers':
      return msg('One or more answers are incorrect.');
    case 'invalid_answers':
      return msg('Some answers do not follow the rules: see each question.');
    // @lit/localize has no plural rules: the one-minute case is its own message.
    case 'locked':
      return minutes === 1
        ? msg(
            str`Too many failed attempts. This sign-in method is locked for 1 minute for this user ID. Try again later, or call the Help Desk at ${helpDeskPhone}.`,
          )
        : msg(
            str`Too many failed attempts. This sign-in method is locked for ${minutes} minutes for this user ID. Try again later, or call the Help Desk at ${helpDeskPhone}.`,
          );
    case 'rate_limited':
      return minutes === 1
        ? msg(str`Too many failed attempts from this network. Try again in 1 minute, or call the Help Desk at ${helpDeskPhone}.`)
        : msg(str`Too many failed attempts from this network. Try again in ${minutes} minutes, or call the Help Desk at ${helpDeskPhone}.`);
    case 'unauthenticated':
      return msg('Your session has ended. Sign in again.');
    case 'offline':
      return msg('You are offline. Connect to a network, then try again.');
    case 'invalid_request':
      return msg('Check what you entered and try again.');
    case 'payload_too_large':
      return msg('What you entered is too long.');
    case 'password_policy':
      return msg('This password cannot be used. Choose one that meets every requirement in the list.');
    case 'restricted_session':
      return msg('Finish the step you were sent to first: set your new password, or enrol your security questions.');
    default:
      return msg(str`Something went wrong on our side. Try again, or call the Help Desk at ${helpDeskPhone}.`);
  }
}
