/**
 * The flow's state — who is signing in and why, what the session allows, what to announce —
 * as one immutable value that the app provides through `flowContext` and every screen reads.
 * Screens never change it: they report what happened through events, and the app's
 * `FlowController` makes the next value.
 */
import { createContext } from '@lit/context';
import type { OrganisationResponse, ProfileResponse, SessionAccess, SignInPurpose } from '../../shared/api-schemas';
import type { Language } from '../../shared/languages';
import type { MethodId } from '../../shared/methods';

/** `logged-out-locally`: logged out on this device, the server not told yet (offline). */
/** `phone-removed`: the server no longer knows this phone's device (removed elsewhere); its key here was forgotten. */
export type SignInNotice = 'logged-out' | 'logged-out-locally' | 'session-ended' | 'phone-removed' | '';
export type ProfileNotice = 'password-changed' | 'questions-saved' | '';

/**
 * A screen that sent the employee to "Confirm your identity": where to come back to, and what
 * it had on screen (typed answers included), kept in memory only, until they leave it.
 */
export interface StepUp {
  readonly returnTo: string;
  readonly draft: unknown;
}

/**
 * A method the server reported locked for a user ID (or the address blocked), and when it ends
 * on this device's clock (ms): a screen left and opened again shows it again, with the time left.
 */
export interface MethodLock {
  readonly userId: string;
  readonly method: MethodId;
  readonly reason: 'locked' | 'rate_limited';
  readonly until: number;
}

export interface FlowState {
  /** The user ID entered on the sign-in screen; '' before one is. */
  readonly userId: string;
  /** The methods the server offers for it (the same for every user ID). */
  readonly methods: readonly MethodId[];
  /** Why a method runs: to sign in, or to prove who one is to reset a forgotten password. */
  readonly purpose: SignInPurpose;
  /** A one-off status for the sign-in screen ("You are logged out."). */
  readonly signInNotice: SignInNotice;
  /** A change to announce on My Profile ("Your password is changed."). */
  readonly profileNotice: ProfileNotice;
  /** The preferred language was just saved, to announce on My Profile. */
  readonly languageSaved: boolean;
  /** The page just switched to the employee's preferred language at sign-in (to announce); null otherwise. */
  readonly languageSwitchedTo: Language | null;
  /** What the session allows; null when signed out. */
  readonly access: SessionAccess | null;
  /** Until when the session may change a proof without the password typed again; null: not asked (or not known). */
  readonly recentProofUntil: string | null;
  /** The screen waiting for "Confirm your identity", if one is. */
  readonly stepUp: StepUp | null;
  /** Who is signed in; null when signed out. */
  readonly profile: ProfileResponse | null;
  /** Locks the server reported in this tab, still running or not (see `activeLock`). */
  readonly locks: readonly MethodLock[];
  /** The organisation's texts (help-desk number, primary system); null until known. */
  readonly organisation: OrganisationResponse | null;
}

export const INITIAL_FLOW: FlowState = {
  userId: '',
  methods: [],
  purpose: 'sign-in',
  signInNotice: '',
  profileNotice: '',
  languageSaved: false,
  languageSwitchedTo: null,
  access: null,
  recentProofUntil: null,
  stepUp: null,
  profile: null,
  locks: [],
  organisation: null,
};

/** The lock still running for this user ID and method, if any. */
export function activeLock(flow: FlowState, method: MethodId, now = Date.now()): MethodLock | null {
  return flow.locks.find((l) => l.userId === flow.userId && l.method === method && l.until > now) ?? null;
}

export const flowContext = createContext<FlowState>(Symbol('sesame-flow'));
