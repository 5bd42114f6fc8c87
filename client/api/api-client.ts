/**
 * The typed API client: `hc<AppType>` knows every route, body and response of the server.
 * Each call resolves to a result rather than throwing, and a network failure is its own
 * outcome ('offline') so that screens can say so.
 */
import { hc, type ClientResponse } from 'hono/client';
import type { AppType } from '../../server/app';
import type { ApiErrorBody } from '../../shared/error-codes';
import { isApiErrorBody } from '../../shared/error-codes';
import type { Language } from '../../shared/languages';
import type { SecurityQuestionsRequest, SignInPurpose } from '../../shared/api-schemas';
import type { AddDeviceRequest, PushSubscriptionRequest } from '../../shared/device-schemas';
import type { ApproveRequest } from '../../shared/approval-schemas';
import type { AttachAccountsRequest } from '../../shared/account-schemas';
import type { passkeySignInRequest } from '../../shared/mobile-sign-in-schemas';
import { currentLanguage } from '../i18n/language';
import type { z } from 'zod';
import type { linkAddDeviceRequest } from '../../shared/enrolment-link-schemas';

type LinkAddDeviceRequest = z.input<typeof linkAddDeviceRequest>;
type PasskeyAssertion = z.input<typeof passkeySignInRequest>['assertion'];

/**
 * The server's codes, and the page's own: 'offline' (no answer at all), 'unexpected' (an answer
 * that is no API error), 'passkey_cancelled' (the phone's passkey check was cancelled or failed
 * before anything reached the server).
 */
export type ClientErrorCode = ApiErrorBody['error'] | 'offline' | 'unexpected' | 'passkey_cancelled';
export interface ApiFailure extends Omit<ApiErrorBody, 'error' | 'message'> {
  error: ClientErrorCode;
  /** The server's message, when there was one (the client shows its own translation first). */
  message?: string;
}
export type ApiResult<T> = { ok: true; data: T } | { ok: false; failure: ApiFailure };

const api = hc<AppType>(`${location.origin}/api`, {
  headers: () => ({ 'Accept-Language': currentLanguage() }),
  init: { credentials: 'same-origin' },
});

type SuccessBody<R> = R extends ClientResponse<infer B, infer S, infer _F> ? (S extends 200 | 201 ? B : never) : never;

async function call<R extends ClientResponse<unknown, number, string>>(send: () => Promise<R>): Promise<ApiResult<SuccessBody<R>>> {
  let response: R;
  try {
    response = await send();
  } catch {
    return { ok: false, failure: { error: 'offline' } };
  }
  if (response.status === 204) return { ok: true, data: undefined as SuccessBody<R> };
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: body as SuccessBody<R> };
  return { ok: false, failure: isApiErrorBody(body) ? body : { error: 'unexpected' } };
}

export const sesameApi = {
  organisation: () => call(() => api.organisation.$get()),
  identify: (userId: string) => call(() => api.auth.identify.$post({ json: { userId } })),
  signInWithPassword: (userId: string, password: string) => call(() => api.auth.password.$post({ json: { userId, password } })),
  signInWithOfflineCode: (userId: string, code: string, purpose: SignInPurpose) =>
    call(() => api.auth.mobile.code.$post({ json: { userId, code, purpose } })),
  /** "Sign in with this device": options fetched before the tap (no user ID, no allow list), then the assertion. */
  passkeyOptions: () => call(() => api.auth.passkey.options.$post()),
  signInWithPasskey: (assertion: PasskeyAssertion) => call(() => api.auth.passkey.verify.$post({ json: { assertion } })),
  session: () => call(() => api.auth.session.$get()),
  logout: () => call(() => api.auth.logout.$post()),
  profile: () => call(() => api.profile.$get()),
  setPreferredLanguage: (preferredLanguage: Language) => call(() => api.profile.$patch({ json: { preferredLanguage } })),
  activity: () => call(() => api.profile.activity.$get()),
  questionCatalogue: () => call(() => api.questions.catalogue.$get()),
  securityQuestions: () => call(() => api.profile['security-questions'].$get()),
  saveSecurityQuestions: (questions: SecurityQuestionsRequest['questions']) =>
    call(() => api.profile['security-questions'].$put({ json: { questions } })),
  /** The three questions of the current attempt ("Answer security questions"). */
  startQuestions: (userId: string, purpose: SignInPurpose) => call(() => api.auth.questions.start.$post({ json: { userId, purpose } })),
  answerQuestions: (userId: string, purpose: SignInPurpose, answers: Array<{ position: number; answer: string }>) =>
    call(() => api.auth.questions.answer.$post({ json: { userId, purpose, answers } })),
  passwordPolicy: () => call(() => api.password.policy.$get()),
  /** A k-anonymity range of the common-password list: only the first 5 hex digits of a SHA-1 leave the browser. */
  commonPasswordRange: (prefix: string) => call(() => api.password['common-range'][':prefix'].$get({ param: { prefix } })),
  changePassword: (currentPassword: string, newPassword: string) =>
    call(() => api.password.change.$post({ json: { currentPassword, newPassword } })),
  /** "Confirm your identity": the current password again, before a proof changes. */
  reauthenticate: (password: string) => call(() => api.auth.reauthenticate.$post({ json: { password } })),
  setPassword: (newPassword: string) => call(() => api.password.set.$post({ json: { newPassword } })),
  /** My Profile → Mobile devices. */
  devices: () => call(() => api.devices.$get()),
  /** Fetched before the tap ("Add this device"): Safari wants the WebAuthn call straight in the tap's handler. */
  deviceRegistrationOptions: () => call(() => api.devices['registration-options'].$post()),
  addDevice: (request: AddDeviceRequest) => call(() => api.devices.$post({ json: request })),
  renameDevice: (id: string, name: string) => call(() => api.devices[':id'].$patch({ param: { id }, json: { name } })),
  removeDevice: (id: string) => call(() => api.devices[':id'].$delete({ param: { id } })),
  pushPublicKey: () => call(() => api.push['public-key'].$get()),
  /** "Add a phone" on the desktop: a new single-use link (the previous unused one stops working). */
  createEnrolmentLink: () => call(() => api.devices['enrolment-links'].$post()),
  enrolmentLinkStatus: (id: string) => call(() => api.devices['enrolment-links'][':id'].$get({ param: { id } })),
  /** The phone opened with a link: registration options for the link's employee. */
  linkRegistrationOptions: (token: string) => call(() => api['enrolment-link']['registration-options'].$post({ json: { token } })),
  addDeviceWithLink: (body: LinkAddDeviceRequest) => call(() => api['enrolment-link'].device.$post({ json: body })),
  /** With this device's credential cookie: the subscription it just made. */
  savePushSubscription: (subscription: PushSubscriptionRequest) =>
    call(() => api.devices.current['push-subscription'].$put({ json: subscription })),
  /** "Mobile device", the waiting browser: a request (and this browser's cookie), its status, the session once approved. */
  startMobile: (userId: string, purpose: SignInPurpose) => call(() => api.auth.mobile.start.$post({ json: { userId, purpose } })),
  mobileStatus: () => call(() => api.auth.mobile.status.$get()),
  collectMobile: () => call(() => api.auth.mobile.collect.$post()),
  /** The phone, with its device credential: pending requests, one request, its options, the decision. */
  deviceRequests: () => call(() => api.device.requests.$get()),
  deviceRequest: (id: string) => call(() => api.device.requests[':id'].$get({ param: { id } })),
  approvalOptions: (id: string) => call(() => api.device.requests[':id'].options.$post({ param: { id } })),
  approve: (id: string, number: number, assertion: ApproveRequest['assertion']) =>
    call(() => api.device.requests[':id'].approve.$post({ param: { id }, json: { number, assertion } })),
  reportRequest: (id: string) => call(() => api.device.requests[':id'].deny.$post({ param: { id } })),
  /** My Profile → "Attach other accounts": the targets and linked accounts (found ones looked for first). */
  accounts: () => call(() => api.accounts.$get()),
  /** The same from the database only, for following a synchronisation by polling. */
  accountsStatus: () => call(() => api.accounts.status.$get()),
  attachAccounts: (rows: AttachAccountsRequest['rows']) => call(() => api.accounts.attach.$post({ json: { rows } })),
  detachAccount: (id: string) => call(() => api.accounts[':id'].$delete({ param: { id } })),
  /** "Try again" on a failed synchronisation, with the current password typed again. */
  retrySync: (id: string, password: string) => call(() => api.accounts[':id'].retry.$post({ param: { id }, json: { password } })),
};

/** Where "Your accounts" follows a synchronisation (Server-Sent Events, ending once none is pending). */
export const ACCOUNTS_EVENTS_URL = '/api/accounts/events';

/** Where the desktop's "Add a phone" screen follows its link (Server-Sent Events). */
export const enrolmentLinkEventsUrl = (id: string) => `${location.origin}/api/devices/enrolment-links/${encodeURIComponent(id)}/events`;

/** Where the waiting browser's event stream is (EventSource is not part of the typed client). */
export const MOBILE_EVENTS_URL = '/api/auth/mobile/events';
