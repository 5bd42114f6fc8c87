/**
 * The API's request bodies and responses. The server validates with these schemas; the client
 * imports the response types. Objects are strict: an unknown field is a bad request.
 */
import { z } from 'zod';
import { LANGUAGES, type Bilingual, type Language } from './languages';
import { isValidUserId, normaliseUserId, USER_ID_MAX_LENGTH } from './user-id';
import type { MethodId } from './methods';

/** Generous bound on raw input so that normalisation never runs on megabytes. */
const RAW_USER_ID_MAX = USER_ID_MAX_LENGTH * 4;
export const PASSWORD_MAX_LENGTH = 1024;

export const userIdSchema = z
  .string()
  .max(RAW_USER_ID_MAX)
  .transform(normaliseUserId)
  .refine(isValidUserId, { message: 'not a valid user ID' });

export const passwordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);
export const languageSchema = z.enum(LANGUAGES);

export const identifyRequest = z.strictObject({ userId: userIdSchema });
export const passwordSignInRequest = z.strictObject({
  userId: userIdSchema,
  password: passwordSchema,
});
export const profileUpdateRequest = z.strictObject({ preferredLanguage: languageSchema });

export interface MethodsResponse {
  methods: MethodId[];
}

/**
 * What a session may do: everything, or only the step the employee must take first — set a new
 * password (after a reset, or a temporary password; until `until`), or enrol a method.
 */
export type SessionAccess =
  | { level: 'full' }
  | { level: 'set-password'; reason: 'reset' | 'temporary'; until: string }
  | { level: 'enrol' };

export interface SignInResponse {
  access: SessionAccess;
}

export interface ProfileResponse {
  userId: string;
  employeeId: string;
  displayName: string;
  preferredLanguage: Language;
  roles: string[];
  /** The sign-in before the current session's; null on a first sign-in. */
  previousSignIn: { at: string; method: MethodId } | null;
  currentSignIn: { at: string; method: MethodId };
}

/** Whether this browser has a live session, asked when the app opens. */
export type SessionResponse = { signedIn: false } | { signedIn: true; profile: ProfileResponse; access: SessionAccess };

export interface OrganisationResponse {
  name: Bilingual;
  helpDeskPhone: string;
  primarySystem: Bilingual;
  notice: Bilingual;
}

/** One line of "Recent activity": a security event about the signed-in employee. */
export interface ActivityItem {
  at: string;
  type: 'sign_in' | 'lockout' | 'log_out' | 'questions_enrolled' | 'password_changed' | 'password_reset';
  outcome: 'success' | 'failure' | 'locked' | 'rate_limited';
  method: string | null;
  ip: string;
}

export interface ActivityResponse {
  events: ActivityItem[];
}
