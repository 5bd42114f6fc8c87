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
import { INITIAL_FLOW, flowContext, type FlowState, type ProfileNotice, type SignInNotice, type StepUp } from './flow-state';
import { cachedOrganisation, loadOrganisation } from './organisation';

const USER_ID_KEY = 'sesame.userId';

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
    const result = await sesameApi.session();
    if (!result.ok) return result.failure.error !== 'offline';
    if (result.data.signedIn) {
      const { profile, access, recentProofUntil } = result.data;
      this.#set({ profile, access, recentProofUntil });
    }
    return true;
  }

  /** A screen opened: one-off notices belong to the screen they were meant for. */
  arrived(route: string): void {
    const { signInNotice, profileNotice } = this.state;
    if (route !== 'sign-in' && signInNotice) this.#set({ signInNotice: '' });
    if (route !== 'profile' && profileNotice) this.#set({ profileNotice: '' });
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

  identified(userId: string, methods: readonly MethodId[]): void {
    sessionStorage.setItem(USER_ID_KEY, userId);
    this.#set({ userId, methods });
  }

  methodChosen(purpose: SignInPurpose): void {
    this.#set({ purpose });
  }

  /** After any method succeeded: who is signed in, and what the session allows first. */
  async signedIn(): Promise<boolean> {
    const result = await sesameApi.session();
    if (!result.ok || !result.data.signedIn) return false;
    const { profile, access, recentProofUntil } = result.data;
    this.#set({ profile, access, recentProofUntil });
    if (!hasChosenLanguage() && profile.preferredLanguage !== currentLanguage()) {
      await applyLanguage(profile.preferredLanguage, { remember: false });
    }
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

  signedOut(signInNotice: Exclude<SignInNotice, ''>): void {
    // Shared terminals and kiosks: nothing of the previous person stays on the sign-in screen.
    this.#forgetUserId({ profile: null, access: null, recentProofUntil: null, stepUp: null, languageSaved: false, signInNotice });
  }

  async logOut(): Promise<void> {
    await sesameApi.logout();
    this.signedOut('logged-out');
  }

  startOver(): void {
    this.#forgetUserId();
  }

  #forgetUserId(change: Partial<FlowState> = {}): void {
    sessionStorage.removeItem(USER_ID_KEY);
    this.#set({ ...change, userId: '', methods: [] });
  }

  /** Switches the page's language, and saves it as the preference of a full session. */
  async changeLanguage(language: Language): Promise<'saved' | 'session-ended' | 'not-saved'> {
    await applyLanguage(language, { remember: true });
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
