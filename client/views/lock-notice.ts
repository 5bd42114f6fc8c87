import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { formatTime } from '../i18n/format-date';
import { telHref } from '../state/organisation';

const MINUTE = 60_000;

/**
 * What a locked method (or a blocked network) says: for how long and until when, in the page's
 * language and the device's time zone, and the help-desk number as a link a phone can call.
 * The time shown is rounded up to the minute, so that the method is open again when the time
 * shown arrives. @lit/localize has no plural rules: the one-minute case is its own message.
 */
export function lockNotice(reason: 'locked' | 'rate_limited', until: Date, helpDeskPhone: string, now: Date = new Date()): TemplateResult {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));
  const time = formatTime(new Date(Math.ceil(until.getTime() / MINUTE) * MINUTE), now);
  const phone = html`<a href=${telHref(helpDeskPhone)}>${helpDeskPhone}</a>`;
  // Prettier would wrap these templates, which changes their text and so their translation ids.
  if (reason === 'locked') {
    // prettier-ignore
    return minutes === 1
      ? msg(html`Too many failed attempts. This sign-in method is locked for 1 minute for this user ID. Try again at ${time}, or call the Help Desk at ${phone}.`)
      : msg(html`Too many failed attempts. This sign-in method is locked for ${minutes} minutes for this user ID. Try again at ${time}, or call the Help Desk at ${phone}.`);
  }
  // prettier-ignore
  return minutes === 1
    ? msg(html`Too many failed attempts from this network. Try again in 1 minute, or call the Help Desk at ${phone}. You can try again from ${time}.`)
    : msg(html`Too many failed attempts from this network. Try again in ${minutes} minutes, or call the Help Desk at ${phone}. You can try again from ${time}.`);
}
