import { html, css } from 'lit';
import { customElement } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import type { ActivityItem, ActivitySource } from '../../shared/api-schemas';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { formatDateTime } from '../i18n/format-date';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { METHODS, isMethodId } from './method-registry';
import { ScreenView } from './screen-view';

/** One event in plain words, in the page's language. */
export function describeActivity(item: ActivityItem): string {
  const method = isMethodId(item.method) ? METHODS[item.method].name() : '';
  switch (item.type) {
    case 'sign_in':
      switch (item.outcome) {
        case 'success':
          return msg(str`Signed in (${method})`);
        case 'failure':
          return msg(str`Failed sign-in attempt (${method})`);
        case 'locked':
          return msg(str`Sign-in refused: ${method} locked after repeated failures`);
        case 'rate_limited':
          return msg('Sign-in refused: too many failed attempts from that network');
      }
      break;
    case 'lockout':
      return msg(str`Sign-in with ${method} locked after repeated failures`);
    case 'log_out':
      return msg('Logged out');
    case 'questions_enrolled':
      return msg('Security questions saved');
    case 'password_changed':
      return item.outcome === 'success' ? msg('Password changed') : msg('Failed attempt to change the password');
    case 'password_reset':
      return msg('Password reset with "Forgot your password?"');
    case 'sign_in_approved':
      return msg(str`Sign-in approved on ${item.device ?? ''}`);
    case 'sign_in_approval_failed':
      return msg(str`Sign-in approval failed on ${item.device ?? ''}`);
    case 'sign_in_reported':
      return msg(str`Sign-in request reported on ${item.device ?? ''}: it was not you`);
    case 'reauthenticated':
      return item.outcome === 'success' ? msg('Identity confirmed with the password') : msg('Failed attempt to confirm identity');
    case 'device_added':
      return msg(str`Mobile device added: ${item.device ?? ''}`);
    case 'device_renamed':
      return msg(str`Mobile device renamed: ${item.device ?? ''}`);
    case 'device_removed':
      return msg(str`Mobile device removed: ${item.device ?? ''}`);
    case 'enrolment_link_created':
      return msg('Code to add a phone shown');
    case 'enrolment_link_used':
      return msg('Code to add a phone used');
    case 'account_attached':
      return msg(str`Account attached: ${item.account ?? ''}`);
    case 'account_attach_failed':
      return msg(str`Failed attempt to attach an account: ${item.account ?? ''}`);
    case 'account_detached':
      return msg(str`Account detached: ${item.account ?? ''}`);
    case 'account_sync_retried':
      return msg(str`New password sent again to an account: ${item.account ?? ''}`);
  }
  return item.type;
}

/** The browser and system an event came from ("Chrome on Android"); '' when the user agent named neither. */
export function describeSource(source: ActivitySource | undefined): string {
  const { browser, system } = source ?? { browser: null, system: null };
  if (browser && system) return msg(str`${browser} on ${system}`);
  return browser ?? system ?? '';
}

interface ActivityLine {
  item: ActivityItem;
  source: ActivitySource | undefined;
}

/** "Recent activity": the employee's last 20 security events, newest first, the current session's sign-in marked. */
@customElement('activity-view')
@localized()
export class ActivityView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      ol {
        list-style: none;
        margin: 0 0 var(--space);
        padding: 0;
      }
      li {
        padding: 0.75rem 0;
        border-bottom: 1px solid var(--border);
      }
      li:last-child {
        border-bottom: none;
      }
      .what {
        font-weight: 600;
      }
      .refused .what::before {
        content: '⚠ ';
      }
      .this-session {
        display: inline-block;
        margin-left: 0.5rem;
        padding: 0 0.4rem;
        border: 1px solid currentColor;
        border-radius: var(--radius);
        font-size: 0.9rem;
        font-weight: 600;
      }
      .meta {
        color: var(--muted);
        font-size: 0.95rem;
      }
    `,
  ];

  /** The events, once; a failure is the API's (offline, session ended), shown in the summary. */
  readonly #events = new Task<[], ActivityLine[]>(this, {
    task: async () => {
      const result = await sesameApi.activity();
      if (!result.ok) throw result.failure;
      const { events, sources = [] } = result.data;
      return events.map((item, i) => ({ item, source: sources[i] }));
    },
    args: () => [],
  });

  override render() {
    const failure = this.#events.error as ApiFailure | undefined;
    const errors = failure ? [{ text: errorText(failure, this.flow.organisation?.helpDeskPhone ?? '') }] : [];
    return html`
      <h1 tabindex="-1">${msg('Recent activity')}</h1>
      <p>${msg('The last 20 security events on your profile, newest first.')}</p>
      <error-summary tabindex="-1" .errors=${errors}></error-summary>
      ${this.#events.render({
        initial: () => html`<p role="status">${msg('Loading…')}</p>`,
        pending: () => html`<p role="status">${msg('Loading…')}</p>`,
        complete: (events) =>
          events.length === 0
            ? html`<p>${msg('Nothing yet.')}</p>`
            : html`<ol class="card">
                ${events.map(({ item, source }) => {
                  const device = describeSource(source);
                  return html`<li class=${item.outcome === 'success' ? '' : 'refused'}>
                    <div class="what">${describeActivity(item)}</div>
                    <div class="meta">
                      ${msg(str`${formatDateTime(item.at, 'medium')}, from ${item.ip}`)}${device ? html`<br />${device}` : ''}
                      ${source?.thisSession ? html`<span class="this-session">${msg('This session')}</span>` : ''}
                    </div>
                  </li>`;
                })}
              </ol>`,
      })}
      <p class="hint">${msg('If you do not recognize an event, change your password and call the Help Desk.')}</p>
      <p>
        <button type="button" class="link-button" @click=${() => this.emit('back-to-profile')}>${msg('Back to My Profile')}</button>
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'activity-view': ActivityView;
  }
}
