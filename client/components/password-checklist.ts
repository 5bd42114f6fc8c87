import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword, type PasswordPolicy, type RuleResult } from '../../shared/password-policy';
import { sharedStyles } from '../styles/shared-styles';
import { CommonPasswordLookup } from './common-password-lookup';
import { ruleLabel } from './password-rule-text';

/** A screen reader hears the summary once typing pauses this long, not at every keystroke. */
export const ANNOUNCE_DELAY_MS = 1500;

/**
 * What a row shows: a rule's status, or `waiting` while there is nothing to judge yet (before
 * the password, or for the match before the confirmation, is typed): not met, not failed either.
 */
type RowStatus = RuleResult['status'] | 'waiting';

const ICONS: Record<RowStatus, string> = { met: '✓', unmet: '✗', pending: '…', server: '○', waiting: '–' };

/**
 * The live checklist under a new-password field: every rule of the shared policy, judged as the
 * user types, then whether the confirmation matches; each shown by an icon and in words (never
 * by colour alone), and "not checked yet" until there is something to judge. The list itself is
 * quiet; a polite status line says how many requirements are met once typing pauses.
 */
@customElement('password-checklist')
@localized()
export class PasswordChecklist extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        --met: #1e6b35;
      }
      @media (prefers-color-scheme: dark) {
        :host {
          --met: #8fdca8;
        }
      }
      .intro {
        font-weight: 600;
        margin: 0 0 0.25rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li,
      .match {
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
        padding: 0.15rem 0;
      }
      .match {
        margin: 0;
      }
      .icon {
        flex: none;
        width: 1.25rem;
        text-align: center;
        font-weight: 700;
      }
      .state {
        color: var(--muted);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
      .met .icon,
      .met .state {
        color: var(--met);
      }
      .unmet .icon,
      .waiting .icon {
        color: var(--muted);
      }
    `,
  ];

  /** The candidate as typed. */
  @property({ attribute: false }) password = '';
  /** The confirmation as typed: the last row says whether it matches. */
  @property({ attribute: false }) confirmation = '';
  @property({ attribute: false }) policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY;
  @property() userId = '';
  @property() displayName = '';
  /** What the status line says: counts taken after a pause, worded at render time. */
  @state() private announced: { met: number; total: number; matches: boolean | null } | null = null;

  readonly #common = new CommonPasswordLookup(this);
  #results: RuleResult[] = [];
  #signature = '';
  #announceTimer: ReturnType<typeof setTimeout> | undefined;

  /** The rules as judged now (the view reads them to decide what to say on submit). */
  get results(): readonly RuleResult[] {
    return this.#results;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.password === '') this.#common.forget();
    this.#results = evaluatePassword(this.password, { userId: this.userId, displayName: this.displayName }, this.policy, {
      isCommon: (key) => this.#common.answer(key),
    });
    const signature = this.#results.map((r) => r.status).join();
    if (changed.has('password') || changed.has('confirmation') || signature !== this.#signature) this.#scheduleAnnouncement();
    this.#signature = signature;
  }

  override disconnectedCallback(): void {
    clearTimeout(this.#announceTimer);
    super.disconnectedCallback();
  }

  #scheduleAnnouncement(): void {
    clearTimeout(this.#announceTimer);
    if (this.password === '') {
      this.announced = null;
      return;
    }
    this.#announceTimer = setTimeout(() => {
      // Rules only the server can judge are left out: they cannot be met while typing.
      const judged = this.#results.filter((r) => r.status !== 'server');
      const matches = this.#matchStatus();
      this.announced = {
        met: judged.filter((r) => r.status === 'met').length,
        total: judged.length,
        matches: matches === 'waiting' ? null : matches === 'met',
      };
    }, ANNOUNCE_DELAY_MS);
  }

  #matchStatus(): 'met' | 'unmet' | 'waiting' {
    if (this.confirmation === '') return 'waiting';
    return this.confirmation === this.password ? 'met' : 'unmet';
  }

  #rowStatus(result: RuleResult): RowStatus {
    return this.password === '' ? 'waiting' : result.status;
  }

  #statusText(status: RowStatus): string {
    switch (status) {
      case 'waiting':
        return msg('Not checked yet');
      case 'met':
        return msg('Met');
      case 'unmet':
        return msg('Not met');
      case 'server':
        return msg('Checked when you save');
      case 'pending':
        // A candidate too short for the length rule is not looked up (see shared/password-policy.ts).
        return this.#results.some((r) => r.rule === 'length' && r.status === 'met')
          ? msg('Checking…')
          : msg('Checked once the length is met');
    }
  }

  #summary(): string {
    if (!this.announced) return '';
    const { matches } = this.announced;
    const match = matches === null ? '' : matches ? msg('The two passwords match.') : msg('The two passwords do not match.');
    return match ? `${this.#countSentence()} ${match}` : this.#countSentence();
  }

  #countSentence(): string {
    const { met, total } = this.announced ?? { met: 0, total: 0 };
    if (met === total) return msg(str`All ${total} requirements are met.`);
    if (met === 0) return msg(str`None of the ${total} requirements is met yet.`);
    if (met === 1) return msg(str`1 of ${total} requirements is met.`);
    return msg(str`${met} of ${total} requirements are met.`);
  }

  #rowContent(status: RowStatus, label: string) {
    return html`<span class="icon" aria-hidden="true">${ICONS[status]}</span>
      <span class="body">
        <span class="text">${label}<span class="visually-hidden">, </span></span>
        <span class="state">(${this.#statusText(status)})</span>
      </span>`;
  }

  override render() {
    return html`
      <p class="intro" id="intro">${msg('Requirements for your new password')}</p>
      <ul aria-labelledby="intro">
        ${this.#results.map(
          (result) =>
            html`<li class=${this.#rowStatus(result)} data-rule=${result.rule}>
              ${this.#rowContent(this.#rowStatus(result), ruleLabel(result.rule, this.policy))}
            </li>`,
        )}
      </ul>
      <!-- About the confirmation, not a requirement of the password: a line of its own under the list. -->
      <p class="match ${this.#matchStatus()}" data-rule="match">${this.#rowContent(this.#matchStatus(), msg('The two passwords match'))}</p>
      <p class="visually-hidden" role="status">${this.#summary()}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'password-checklist': PasswordChecklist;
  }
}
