import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { ReauthenticateResponse, SessionAccess, SignInPurpose } from '../../shared/api-schemas';
import type { Language } from '../../shared/languages';
import type { MethodId } from '../../shared/methods';
import { buildPath, type RouteParams } from '../navigation/path-pattern';
import type { RouteRequest } from '../navigation/route';
import { resolveRoute } from '../navigation/route-guard';
import { isRouteName, requestForPath, routeNamed, type RouteName } from '../navigation/route-table';
import { FlowController } from '../state/flow-controller';
import type { MethodLock, StepUp } from '../state/flow-state';
import { sharedStyles } from '../styles/shared-styles';
import { FirstRenderInOwnTask } from '../components/first-render-in-own-task';
import '../components/site-footer';
import '../components/site-header';
import type { IdentifiedDetail } from '../views/sign-in-view';
import { METHODS } from '../views/method-registry';
import { ScreenView } from '../views/screen-view';
import { DeviceRequestsWatch } from './device-requests-watch';
import { registerServiceWorker } from './service-worker';

/**
 * The app shell: header (portal name, language switch, name menu), the current screen, footer.
 * It owns the history and the focus: which route shows (`navigation/route-table.ts`, checked by
 * `route-guard.ts`), and where each screen's events lead. The flow's state lives in its
 * `FlowController`, which hands it to every screen through `flowContext`.
 */
@customElement('sesame-app')
@localized()
export class SesameApp extends FirstRenderInOwnTask(LitElement) {
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
      .offline,
      .status {
        margin: 0 0 var(--space);
      }
      .status {
        font-weight: 600;
      }
    `,
  ];

  @state() private route: RouteRequest<RouteName> = requestForPath(location.pathname);
  @state() private ready = false;
  @state() private offline = !navigator.onLine;
  @state() private activateUpdate: (() => Promise<void>) | null = null;
  readonly #flow = new FlowController(this);
  #moved = false;
  /** On an enrolled phone: a pending sign-in request opens its approval screen (the pull path). */
  readonly #deviceRequests = new DeviceRequestsWatch(
    (requestId) => {
      // The approval screen already showing (this request or another) is left to finish.
      if (this.route.name !== 'approve') this.#go('approve', { requestId });
    },
    () => void this.#phoneRemoved(),
  );
  /** Counts navigations, so that a slow screen module cannot overtake a later choice. */
  #navigation = 0;

  /** What each screen's events mean for the flow, and where they lead. */
  readonly #flowEvents: Record<string, (event: CustomEvent) => void> = {
    identified: ({ detail }: CustomEvent<IdentifiedDetail>) => {
      this.#flow.identified(detail.userId, detail.methods);
      this.offline = false;
      // The network is back: a log out left pending must reach the server before anyone signs in.
      void this.#flow.tellServerLoggedOut();
      this.#go('methods');
    },
    'method-chosen': ({ detail }: CustomEvent<MethodId>) => this.#runMethod(detail, 'sign-in'),
    'method-locked': ({ detail }: CustomEvent<MethodLock>) => this.#flow.methodLocked(detail),
    'reset-with': ({ detail }: CustomEvent<MethodId>) => this.#runMethod(detail, 'reset'),
    'choose-another-method': () => this.#go(this.#resetting() ? 'forgot-password' : 'methods'),
    'forgot-password': () => this.#go('forgot-password'),
    'start-over': () => {
      this.#flow.startOver();
      this.#go('sign-in');
    },
    'signed-in': () => void this.#signedIn(),
    'password-set': ({ detail }: CustomEvent<SessionAccess>) => this.#accessChanged(detail, 'password-changed'),
    'password-changed': ({ detail }: CustomEvent<SessionAccess>) => this.#accessChanged(detail, 'password-changed'),
    'questions-saved': ({ detail }: CustomEvent<SessionAccess>) => this.#accessChanged(detail, 'questions-saved'),
    'session-ended': () => this.#signedOut('session-ended'),
    'start-again': () => void this.#startAgain(),
    'open-screen': ({ detail }: CustomEvent<RouteName>) => this.#go(detail),
    'back-to-profile': () => this.#go('profile'),
    'confirm-identity': ({ detail }: CustomEvent<StepUp>) => {
      this.#flow.identityAsked(detail);
      this.#go('confirm-identity');
    },
    'identity-confirmed': ({ detail }: CustomEvent<ReauthenticateResponse>) => {
      this.#flow.identityConfirmed(detail.access, detail.recentProofUntil);
      const back = this.#flow.state.stepUp?.returnTo;
      this.#go(isRouteName(back) ? back : 'profile');
    },
    'language-change': ({ detail }: CustomEvent<Language>) => void this.#changeLanguage(detail),
    'log-out': () => this.#logOut(),
  };

  readonly #onPopState = () => void this.#show(requestForPath(location.pathname), { history: 'none' });
  readonly #onOnline = () => {
    this.offline = false;
    void this.#flow.tellServerLoggedOut();
  };
  readonly #onOffline = () => (this.offline = true);
  readonly #onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    if (this.#flow.state.profile) void this.#checkSession();
    else void this.#flow.tellServerLoggedOut();
  };

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('popstate', this.#onPopState);
    addEventListener('online', this.#onOnline);
    addEventListener('offline', this.#onOffline);
    document.addEventListener('visibilitychange', this.#onVisible);
    // Screens' events bubble out of their shadow roots to the shell.
    for (const [name, handle] of Object.entries(this.#flowEvents)) this.addEventListener(name, handle as EventListener);
    void this.#start();
  }

  override disconnectedCallback() {
    removeEventListener('popstate', this.#onPopState);
    removeEventListener('online', this.#onOnline);
    removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onVisible);
    for (const [name, handle] of Object.entries(this.#flowEvents)) this.removeEventListener(name, handle as EventListener);
    this.#deviceRequests.stop();
    super.disconnectedCallback();
  }

  async #start() {
    // The prompt's code is fetched only when there is an update to offer.
    registerServiceWorker((activate) => void import('../components/update-prompt').then(() => (this.activateUpdate = activate)));
    if (!(await this.#flow.open())) this.offline = true;
    await this.#show(this.route, { history: 'replace' });
    this.ready = true;
    await this.#rendered();
    // Replaces the first screen's markup served with the HTML (see client/index.html), once
    // what replaces it has rendered: each part renders in a task of its own, and the page
    // must not show a frame without them.
    this.toggleAttribute('ready', true);
    this.#deviceRequests.start();
  }

  /** The shell and the components in it (header, screen, footer) have rendered. */
  async #rendered(): Promise<void> {
    await this.updateComplete;
    const parts = [...this.renderRoot.querySelectorAll('*')].filter((element) => element instanceof LitElement);
    await Promise.all(parts.map((part) => part.updateComplete));
  }

  /** Shows a route, redirecting to the one that makes sense when this one cannot show now. */
  async #show(requested: RouteRequest<RouteName>, { history }: { history: 'push' | 'replace' | 'none' }) {
    const target = resolveRoute(requested, this.#flow.visitor);
    const route = routeNamed(target.name);
    const navigation = ++this.#navigation;
    try {
      await route.load?.();
    } catch {
      // Offline before the service worker cached it: the screen cannot show; stay, and say so.
      this.offline = true;
      return;
    }
    if (navigation !== this.#navigation) return;
    this.#flow.arrived(route.name, { landing: route.guard.for === 'signed-in' && Boolean(route.guard.landing) });
    const path = buildPath(route.path, target.params);
    if (history === 'push' && location.pathname !== path) window.history.pushState(null, '', path);
    else if (history !== 'none' || location.pathname !== path) window.history.replaceState(null, '', path);
    if (path !== buildPath(routeNamed(this.route.name).path, this.route.params)) this.#moved = true;
    this.route = target;
  }

  #go(name: RouteName, params: RouteParams = {}) {
    void this.#show({ name, params }, { history: 'push' });
  }

  protected override updated(changed: PropertyValues) {
    document.title = `${routeNamed(this.route.name).title()} – ${msg('Self-service password')}`;
    if (changed.has('route') && this.#moved) {
      this.#moved = false;
      // The screen, not the offline notice that may stand before it in <main>.
      const screen = [...(this.renderRoot.querySelector('main')?.children ?? [])].find((el) => el instanceof ScreenView);
      void screen?.focusOnArrival();
    }
  }

  #runMethod(method: MethodId, purpose: SignInPurpose) {
    this.#flow.methodChosen(purpose);
    this.#go(METHODS[method].route);
  }

  /** On the screen of a method that can stand in for a forgotten password, run for that purpose. */
  #resetting(): boolean {
    const method = Object.values(METHODS).find((m) => m.route === this.route.name);
    return Boolean(method?.resetsPassword) && this.#flow.state.purpose === 'reset';
  }

  async #signedIn() {
    if (await this.#flow.signedIn()) this.#go('profile');
  }

  /** A step the session demanded (or a change on My Profile) is done: go where the new level allows. */
  #accessChanged(access: SessionAccess, notice: 'password-changed' | 'questions-saved') {
    this.#flow.accessChanged(access, notice);
    this.#go('profile');
  }

  /** Removed on the server: its key here would only make codes the server refuses. */
  async #phoneRemoved() {
    const { deleteOfflineKey } = await import('../device/offline-key-store');
    await deleteOfflineKey();
    this.#flow.phoneRemoved();
  }

  async #startAgain() {
    this.#go((await this.#flow.startAgain()) ? 'methods' : 'sign-in');
  }

  async #checkSession() {
    if (await this.#flow.sessionEnded()) this.#signedOut('session-ended');
  }

  #signedOut(notice: 'logged-out' | 'session-ended') {
    this.#flow.signedOut(notice);
    this.#go('sign-in');
  }

  /** The sign-in screen shows at once; the server is told meanwhile (or once the network is back). */
  #logOut() {
    const told = this.#flow.logOut();
    this.#go('sign-in');
    void told.then((ok) => {
      if (!ok) this.offline = !navigator.onLine;
    });
  }

  async #changeLanguage(language: Language) {
    if ((await this.#flow.changeLanguage(language)) === 'session-ended') this.#signedOut('session-ended');
  }

  override render() {
    const flow = this.#flow.state;
    return html`
      <a class="skip" href="#main" @click=${this.#skipToMain}>${msg('Skip to main content')}</a>
      ${this.activateUpdate ? html`<update-prompt @reload-requested=${() => void this.activateUpdate?.()}></update-prompt>` : ''}
      <site-header .name=${flow.profile?.displayName ?? ''}></site-header>
      <p class="visually-hidden" role="status">${this.#languageAnnouncement()}</p>
      <main id="main" tabindex="-1">
        ${
          this.offline
            ? html`<p class="important offline" role="status">
                ${msg('You are offline. Signing in needs a network connection; the Help Desk can help you by phone.')}
              </p>`
            : ''
        }
        ${
          flow.profileNotice === 'password-changed' && this.route.name !== 'profile'
            ? html`<p class="status" role="status">${msg('Your password has been changed.')}</p>`
            : ''
        }
        ${this.ready ? routeNamed(this.route.name).render(this.route.params) : ''}
      </main>
      <footer>
        <div class="inner"><site-footer .organisation=${flow.organisation}></site-footer></div>
      </footer>
    `;
  }

  /** Said once, politely, when signing in switched the page to the employee's preferred language. */
  #languageAnnouncement(): string {
    switch (this.#flow.state.languageSwitchedTo) {
      case 'en':
        return msg('Self-service password is now in English, your preferred language.');
      case 'fr':
        return msg('Self-service password is now in French, your preferred language.');
      default:
        return '';
    }
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
