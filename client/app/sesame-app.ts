import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { OrganisationResponse, ProfileResponse, SessionAccess, SignInPurpose } from '../../shared/api-schemas';
import type { Language } from '../../shared/languages';
import type { MethodId } from '../../shared/methods';
import { sesameApi } from '../api/api-client';
import { applyLanguage, currentLanguage, hasChosenLanguage } from '../i18n/language';
import { screenFor } from '../navigation/screen-guard';
import { SCREEN_PATHS, screenForPath, type Screen } from '../navigation/screens';
import { cachedOrganisation, loadOrganisation } from '../state/organisation';
import { sharedStyles } from '../styles/shared-styles';
import '../components/site-footer';
import '../components/site-header';
import '../components/update-prompt';
import '../views/sign-in-view';
import type { IdentifiedDetail } from '../views/sign-in-view';
import type { ScreenView } from '../views/screen-view';
import { loadScreen } from './screen-modules';
import { registerServiceWorker } from './service-worker';

const USER_ID_KEY = 'sesame.userId';

/**
 * The app shell: header (portal name, language switch, name menu), the current screen, footer.
 * It owns the flow's state — which screen, which user ID, who is signed in — and the moves
 * between screens; each screen reports what happened through events.
 */
@customElement('sesame-app')
@localized()
export class SesameApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
        min-height: 100dvh;
      }
      .skip {
        position: absolute;
        left: 0.5rem;
        top: -4rem;
        padding: 0.5rem 1rem;
        background: var(--surface);
        z-index: 20;
      }
      .skip:focus {
        top: 0.5rem;
      }
      main,
      footer .inner {
        width: 100%;
        max-width: calc(var(--max-width) + 2 * var(--space));
        margin: 0 auto;
        padding: 1.5rem var(--space);
      }
      main {
        flex: 1;
      }
      main:focus {
        outline: none;
      }
      footer {
        border-top: 1px solid var(--border);
        background: var(--surface);
      }
      .offline {
        margin: 0 0 var(--space);
      }
    `,
  ];

  @state() private screen: Screen = screenForPath(location.pathname);
  @state() private ready = false;
  @state() private organisation: OrganisationResponse | null = cachedOrganisation();
  @state() private userId = sessionStorage.getItem(USER_ID_KEY) ?? '';
  @state() private methods: MethodId[] = [];
  @state() private profile: ProfileResponse | null = null;
  /** What the session allows; null when signed out. */
  @state() private access: SessionAccess | null = null;
  @state() private offline = !navigator.onLine;
  @state() private notice: 'logged-out' | 'session-ended' | '' = '';
  @state() private languageSaved = false;
  /** Why "Answer security questions" is open: to sign in, or to reset a forgotten password. */
  @state() private questionsPurpose: SignInPurpose = 'sign-in';
  /** A change to announce on My Profile. */
  @state() private profileNotice: 'password-changed' | 'questions-saved' | '' = '';
  @state() private activateUpdate: (() => Promise<void>) | null = null;
  #moved = false;
  /** Counts navigations, so that a slow screen module cannot overtake a later choice. */
  #navigation = 0;

  readonly #onPopState = () => void this.#show(screenForPath(location.pathname), { history: 'none' });
  readonly #onOnline = () => (this.offline = false);
  readonly #onOffline = () => (this.offline = true);
  readonly #onVisible = () => {
    if (document.visibilityState === 'visible' && this.profile) void this.#checkSession();
  };

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('popstate', this.#onPopState);
    addEventListener('online', this.#onOnline);
    addEventListener('offline', this.#onOffline);
    document.addEventListener('visibilitychange', this.#onVisible);
    void this.#start();
  }

  override disconnectedCallback() {
    removeEventListener('popstate', this.#onPopState);
    removeEventListener('online', this.#onOnline);
    removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onVisible);
    super.disconnectedCallback();
  }

  async #start() {
    void loadOrganisation().then((org) => (this.organisation = org ?? this.organisation));
    registerServiceWorker((activate) => (this.activateUpdate = activate));
    const result = await sesameApi.session();
    if (!result.ok) {
      if (result.failure.error === 'offline') this.offline = true;
    } else if (result.data.signedIn) {
      this.profile = result.data.profile;
      this.access = result.data.access;
    }
    await this.#show(this.screen, { history: 'replace' });
    this.ready = true;
    // Replaces the first screen's markup served with the HTML (see client/index.html).
    this.toggleAttribute('ready', true);
  }

  /** Shows a screen, redirecting to the one that makes sense when this one cannot show now. */
  async #show(requested: Screen, { history }: { history: 'push' | 'replace' | 'none' }) {
    const screen = screenFor(requested, { access: this.access, userId: this.userId, methods: this.methods });
    const navigation = ++this.#navigation;
    try {
      await loadScreen(screen);
    } catch {
      // Offline before the service worker cached it: the screen cannot show; stay, and say so.
      this.offline = true;
      return;
    }
    if (navigation !== this.#navigation) return;
    if (screen !== 'sign-in') this.notice = '';
    if (screen !== 'profile') this.profileNotice = '';
    const path = SCREEN_PATHS[screen];
    if (history === 'push' && location.pathname !== path) window.history.pushState(null, '', path);
    else if (history !== 'none' || location.pathname !== path) window.history.replaceState(null, '', path);
    if (screen !== this.screen) this.#moved = true;
    this.screen = screen;
  }

  #go(screen: Screen) {
    void this.#show(screen, { history: 'push' });
  }

  protected override updated(changed: PropertyValues) {
    document.title = `${this.#screenTitle()} – ${msg('Self-service password')}`;
    if (changed.has('screen') && this.#moved) {
      this.#moved = false;
      void this.renderRoot.querySelector<ScreenView>('main > *')?.focusHeading();
    }
  }

  #screenTitle(): string {
    switch (this.screen) {
      case 'sign-in':
        return msg('Sign in');
      case 'methods':
        return msg('Authentication methods');
      case 'password':
        return msg('Log in');
      case 'forgot-password':
        return msg('Forgot your password?');
      case 'questions':
        return msg('Answer security questions');
      case 'set-password':
        return msg('Set a new password');
      case 'profile':
        return msg('My Profile');
      case 'change-password':
        return msg('Change password');
      case 'security-questions':
        return msg('Security questions');
      case 'activity':
        return msg('Recent activity');
    }
  }

  #identified(detail: IdentifiedDetail) {
    this.userId = detail.userId;
    this.methods = detail.methods;
    sessionStorage.setItem(USER_ID_KEY, detail.userId);
    this.offline = false;
    this.#go('methods');
  }

  /** After any method succeeded: who is signed in, and what the session allows first. */
  async #signedIn() {
    const result = await sesameApi.session();
    if (!result.ok || !result.data.signedIn) return;
    const { profile, access } = result.data;
    this.profile = profile;
    this.access = access;
    if (!hasChosenLanguage() && profile.preferredLanguage !== currentLanguage()) {
      await applyLanguage(profile.preferredLanguage, { remember: false });
    }
    this.#go('profile');
  }

  #chooseMethod(method: MethodId, purpose: SignInPurpose) {
    this.questionsPurpose = purpose;
    this.#go(method);
  }

  /** A step the session demanded (or a change on My Profile) is done: go where the new level allows. */
  #accessChanged(access: SessionAccess, notice: 'password-changed' | 'questions-saved') {
    this.access = access;
    this.profileNotice = notice;
    this.#go('profile');
  }

  async #checkSession() {
    const result = await sesameApi.session();
    if (result.ok && !result.data.signedIn) this.#signedOut('session-ended');
  }

  #signedOut(notice: 'logged-out' | 'session-ended') {
    // Shared terminals and kiosks: nothing of the previous person stays on the sign-in screen.
    this.#forgetUserId();
    this.profile = null;
    this.access = null;
    this.languageSaved = false;
    void this.#show('sign-in', { history: 'push' });
    this.notice = notice;
  }

  async #logOut() {
    await sesameApi.logout();
    this.#signedOut('logged-out');
  }

  #forgetUserId() {
    this.userId = '';
    this.methods = [];
    sessionStorage.removeItem(USER_ID_KEY);
  }

  #startOver() {
    this.#forgetUserId();
    this.#go('sign-in');
  }

  async #changeLanguage(language: Language) {
    await applyLanguage(language, { remember: true });
    if (!this.profile || this.access?.level !== 'full') return;
    const result = await sesameApi.setPreferredLanguage(language);
    if (result.ok) {
      this.profile = result.data;
      this.languageSaved = true;
    } else if (result.failure.error === 'unauthenticated') {
      this.#signedOut('session-ended');
    }
  }

  #renderScreen() {
    const org = this.organisation;
    switch (this.screen) {
      case 'sign-in':
        return html`<sign-in-view
          .organisation=${org}
          .userId=${this.userId}
          .notice=${this.notice}
          @identified=${(e: CustomEvent<IdentifiedDetail>) => this.#identified(e.detail)}
        ></sign-in-view>`;
      case 'methods':
        return html`<methods-view
          .userId=${this.userId}
          .methods=${this.methods}
          @method-chosen=${(e: CustomEvent<MethodId>) => this.#chooseMethod(e.detail, 'sign-in')}
          @start-over=${this.#startOver}
        ></methods-view>`;
      case 'password':
        return html`<password-view
          .userId=${this.userId}
          .organisation=${org}
          @signed-in=${this.#signedIn}
          @forgot-password=${() => this.#go('forgot-password')}
          @choose-another-method=${() => this.#go('methods')}
        ></password-view>`;
      case 'questions':
        return html`<questions-view
          .userId=${this.userId}
          .purpose=${this.questionsPurpose}
          .organisation=${org}
          @signed-in=${this.#signedIn}
          @choose-another-method=${() => this.#go(this.questionsPurpose === 'reset' ? 'forgot-password' : 'methods')}
        ></questions-view>`;
      case 'forgot-password':
        return html`<forgot-password-view
          .organisation=${org}
          .userId=${this.userId}
          .methods=${this.methods}
          @reset-with=${(e: CustomEvent<MethodId>) => this.#chooseMethod(e.detail, 'reset')}
          @start-over=${this.#startOver}
        ></forgot-password-view>`;
      case 'set-password': {
        const access = this.access?.level === 'set-password' ? this.access : null;
        return html`<set-password-view
          .userId=${this.profile?.userId ?? ''}
          .displayName=${this.profile?.displayName ?? ''}
          .reason=${access?.reason ?? 'reset'}
          .until=${access?.until ?? ''}
          .organisation=${org}
          @password-set=${(e: CustomEvent<SessionAccess>) => this.#accessChanged(e.detail, 'password-changed')}
          @session-ended=${() => this.#signedOut('session-ended')}
        ></set-password-view>`;
      }
      case 'profile':
        return html`<profile-view
          .profile=${this.profile}
          .languageSaved=${this.languageSaved}
          .notice=${this.profileNotice}
          @open-screen=${(e: CustomEvent<Screen>) => this.#go(e.detail)}
        ></profile-view>`;
      case 'change-password':
        return html`<change-password-view
          .userId=${this.profile?.userId ?? ''}
          .displayName=${this.profile?.displayName ?? ''}
          .organisation=${org}
          @password-changed=${(e: CustomEvent<SessionAccess>) => this.#accessChanged(e.detail, 'password-changed')}
          @back-to-profile=${() => this.#go('profile')}
          @session-ended=${() => this.#signedOut('session-ended')}
        ></change-password-view>`;
      case 'security-questions':
        return html`<security-questions-view
          .forced=${this.access?.level === 'enrol'}
          .profile=${this.profile}
          .organisation=${org}
          @questions-saved=${(e: CustomEvent<SessionAccess>) => this.#accessChanged(e.detail, 'questions-saved')}
          @back-to-profile=${() => this.#go('profile')}
        ></security-questions-view>`;
      case 'activity':
        return html`<activity-view .organisation=${org} @back-to-profile=${() => this.#go('profile')}></activity-view>`;
    }
  }

  override render() {
    return html`
      <a class="skip" href="#main" @click=${this.#skipToMain}>${msg('Skip to main content')}</a>
      ${this.activateUpdate ? html`<update-prompt @reload-requested=${() => void this.activateUpdate?.()}></update-prompt>` : ''}
      <site-header
        .name=${this.profile?.displayName ?? ''}
        @language-change=${(e: CustomEvent<Language>) => void this.#changeLanguage(e.detail)}
        @log-out=${this.#logOut}
      ></site-header>
      <main id="main" tabindex="-1" @language-change=${(e: CustomEvent<Language>) => void this.#changeLanguage(e.detail)}>
        ${
          this.offline
            ? html`<p class="important offline" role="status">
                ${msg('You are offline. Signing in needs a network connection; the Help Desk can help you by phone.')}
              </p>`
            : ''
        }
        ${this.ready ? this.#renderScreen() : ''}
      </main>
      <footer>
        <div class="inner"><site-footer .organisation=${this.organisation}></site-footer></div>
      </footer>
    `;
  }

  #skipToMain(event: Event) {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sesame-app': SesameApp;
  }
}
