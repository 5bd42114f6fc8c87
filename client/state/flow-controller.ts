/**
 * The flow's moves: each turns the current `FlowState` into the next and hands it to every
 * screen through `flowContext`. The app shell owns one, calls it when a screen reports what
 * happened, and decides where to go next; this controller never navigates.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { SessionAccess, SignInPurpose } from '../../shared/api-schemas';
import type { Language } from '../../shared/languages';
import type { MethodId } from '../../shared/methods';
import { sesameApi } from '../api/api-client';
import { applyLanguage, currentLanguage, hasChosenLanguage } from '../i18n/language';
import type { Visitor } from '../navigation/route-guard';
import {
  INITIAL_FLOW,
  flowContext,
  type FlowState,
  type MethodLock,
  type ProfileNotice,
  type SignInNotice,
  type StepUp,
} from './flow-state';
import { cachedOrganisation, loadOrganisation } from './organisation';
import { clearPendingLogout, isLogoutPending, markLogoutPending } from './pending-logout';

const USER_ID_KEY = 'sesame.userId';
/** What a session leaves behind when it ends on this device: nothing of the person. */
const SIGNED_OUT = {
  profile: null,
  access: null,
  recentProofUntil: null,
  stepUp: null,
  languageSaved: false,
  languageSwitchedTo: null,
} as const satisfies Partial<FlowState>;

/** How long a log out waits for the server before saying it is done only on this device. */
const SERVER_TOLD_WITHIN_MS = 2_000;

export class FlowController {
  readonly #host: ReactiveControllerHost;
  readonly #provider: ContextProvider<typeof flowContext>;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    // A reload keeps the user ID typed in this tab, not beyond it.
    const userId = sessionStorage.getItem(USER_ID_KEY) ?? '';
    this.#provider = new ContextProvider(host, {
      context: flowContext,
      initialValue: { ...INITIAL_FLOW, userId, organisation: cachedOrganisation() },
    });
  }

  get state(): FlowState {
    return this.#provider.value;
  }

  /** What the route guard needs to know. */
  get visitor(): Visitor {
    const { access, userId, methods, profile } = this.state;
    return { access, userId, methods, roles: profile?.roles ?? [] };
  }

  #set(change: Partial<FlowState>): void {
    this.#provider.setValue({ ...this.state, ...change });
    this.#host.requestUpdate();
  }

  /** The organisation's texts and the session, as the app opens. Resolves to false when offline. */
  async open(): Promise<boolean> {
    void loadOrganisation().then((organisation) => {
      if (organisation) this.#set({ organisation });
    });
    // A log out the server has not heard of comes first: until it has, nobody is signed in here.
    const wasPending = isLogoutPending();
    const told = await this.#tellServerLoggedOut();
    if (told !== 'told') {
      this.#set({ signInNotice: 'logged-out-locally' });
      return told !== 'offline';
    }
    if (wasPending) this.#set({ signInNotice: 'logged-out' });
    const result = await sesameApi.session();
    if (!result.ok) return result.failure.error !== 'offline';
    if (result.data.signedIn) {
      const { profile, access, recentProofUntil } = result.data;
      this.#set({ profile, access, recentProofUntil });
    }
    return true;
  }

  /**
   * A screen opened: one-off notices belong to the screen they were meant for — except that a
   * new password stays confirmed on the step the session demands next (`landing`: enrolment).
   */
  arrived(route: string, { landing = false }: { landing?: boolean } = {}): void {
    const { signInNotice, profileNotice } = this.state;
    if (route !== 'sign-in' && signInNotice) this.#set({ signInNotice: '' });
    const keep = route === 'profile' || (landing && profileNotice === 'password-changed');
    if (!keep && profileNotice) this.#set({ profileNotice: '' });
    // What a screen kept for "Confirm your identity" goes once the employee goes elsewhere.
    const { stepUp } = this.state;
    if (stepUp && route !== 'confirm-identity' && route !== stepUp.returnTo) this.#set({ stepUp: null });
  }

  /** A screen needs the password typed again before it changes a proof. */
  identityAsked(stepUp: StepUp): void {
    this.#set({ stepUp });
  }

  /** The password was typed again: the session's proof is recent until `recentProofUntil`. */
  identityConfirmed(access: SessionAccess, recentProofUntil: string | null): void {
    this.#set({ access, recentProofUntil });
  }

  /**
   * The set-password step ran out: the session is over, the user ID stays, and the methods
   * screen opens again for it. Resolves to false when the methods cannot be fetched (offline).
   */
  async startAgain(): Promise<boolean> {
    const userId = this.state.userId || this.state.profile?.userId || '';
    this.#set({ profile: null, access: null, recentProofUntil: null, stepUp: null, languageSwitchedTo: null, purpose: 'sign-in', userId });
    if (!userId) return false;
    sessionStorage.setItem(USER_ID_KEY, userId);
    if (this.state.methods.length > 0) return true;
    const result = await sesameApi.identify(userId);
    if (!result.ok) return false;
    this.#set({ methods: result.data.methods });
    return true;
  }

  identified(userId: string, methods: readonly MethodId[]): void {
    sessionStorage.setItem(USER_ID_KEY, userId);
    this.#set({ userId, methods });
  }

  /** A method screen was told its method is locked: kept (one per user ID and method) until it ends or the user ID goes. */
  methodLocked(lock: MethodLock): void {
    const now = Date.now();
    const others = this.state.locks.filter((l) => l.until > now && !(l.userId === lock.userId && l.method === lock.method));
    this.#set({ locks: [...others, lock] });
  }

  methodChosen(purpose: SignInPurpose): void {
    this.#set({ purpose });
  }

  /** After any method succeeded: who is signed in, and what the session allows first. */
  async signedIn(): Promise<boolean> {
    const result = await sesameApi.session();
    if (!result.ok || !result.data.signedIn) return false;
    // A sign-in ends the browser's previous session on the server: a pending log out is done.
    clearPendingLogout();
    const { profile, access, recentProofUntil } = result.data;
    const switchTo = !hasChosenLanguage() && profile.preferredLanguage !== currentLanguage() ? profile.preferredLanguage : null;
    if (switchTo) await applyLanguage(switchTo, { remember: false });
    this.#set({ profile, access, recentProofUntil, languageSwitchedTo: switchTo });
    return true;
  }

  /** A step the session demanded, or a change on My Profile, is done. */
  accessChanged(access: SessionAccess, profileNotice: Exclude<ProfileNotice, ''>): void {
    this.#set({ access, profileNotice });
  }

  /** Whether the server still knows the session (asked when the page comes back into view). */
  async sessionEnded(): Promise<boolean> {
    const result = await sesameApi.session();
    return result.ok && !result.data.signedIn;
  }

  /** The server said this phone's device was removed: the sign-in screen stops offering its actions, and says why. */
  phoneRemoved(): void {
    this.#set({ signInNotice: 'phone-removed' });
  }

  signedOut(signInNotice: Exclude<SignInNotice, ''>): void {
    // Shared terminals and kiosks: nothing of the previous person stays on the sign-in screen.
    this.#forgetUserId({ ...SIGNED_OUT, signInNotice });
  }

  /**
   * Forgets the session on this device at once, then tells the server — now, or when
   * `tellServerLoggedOut` runs again once the network is back (the app calls it then, and as it opens).
   */
  async logOut(): Promise<boolean> {
    markLogoutPending();
    // No notice for the moment the server takes to answer: neither claim would be true yet.
    this.#forgetUserId({ ...SIGNED_OUT, signInNotice: '' });
    // Said only while the visitor is still on the fresh sign-in screen (no new user ID typed since).
    const say = (signInNotice: SignInNotice) => this.state.userId === '' && !this.state.profile && this.#set({ signInNotice });
    const slow = setTimeout(() => say('logged-out-locally'), SERVER_TOLD_WITHIN_MS);
    const told = await this.#tellServerLoggedOut();
    clearTimeout(slow);
    say(told === 'told' ? 'logged-out' : 'logged-out-locally');
    return told === 'told';
  }

  /** Ends on the server a session logged out here while offline; says whether none is pending any more. */
  async tellServerLoggedOut(): Promise<boolean> {
    return (await this.#tellServerLoggedOut()) === 'told';
  }

  async #tellServerLoggedOut(): Promise<'told' | 'offline' | 'refused'> {
    if (!isLogoutPending()) return 'told';
    const result = await sesameApi.logout();
    if (!result.ok) return result.failure.error === 'offline' ? 'offline' : 'refused';
    clearPendingLogout();
    if (this.state.signInNotice === 'logged-out-locally') this.#set({ signInNotice: 'logged-out' });
    return 'told';
  }

  startOver(): void {
    this.#forgetUserId();
  }

  #forgetUserId(change: Partial<FlowState> = {}): void {
    sessionStorage.removeItem(USER_ID_KEY);
    this.#set({ ...change, userId: '', methods: [], locks: [] });
  }

  /** Switches the page's language, and saves it as the preference of a full session. */
  async changeLanguage(language: Language): Promise<'saved' | 'session-ended' | 'not-saved'> {
    await applyLanguage(language, { remember: true });
    if (this.state.languageSwitchedTo) this.#set({ languageSwitchedTo: null });
    const { profile, access } = this.state;
    if (!profile || access?.level !== 'full') return 'not-saved';
    const result = await sesameApi.setPreferredLanguage(language);
    if (result.ok) {
      this.#set({ profile: result.data, languageSaved: true });
      return 'saved';
    }
    return result.failure.error === 'unauthenticated' ? 'session-ended' : 'not-saved';
  }
}
