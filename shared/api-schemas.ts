/**
 * The API's request bodies and responses. The server validates with these schemas; the client
 * imports the response types. Objects are strict: an unknown field is a bad request.
 */
import { z } from 'zod';
import { LANGUAGES, type Bilingual, type Language } from './languages';
import { isValidUserId, normaliseUserId, USER_ID_MAX_LENGTH, type UserIdInputMode } from './user-id';
import { ASKED_QUESTIONS, ENROLLED_QUESTIONS } from './answer-rules';
import type { MethodId } from './methods';
import type { PasswordPolicy } from './password-policy';

/** Generous bound on raw input so that normalisation never runs on megabytes. */
const RAW_USER_ID_MAX = USER_ID_MAX_LENGTH * 4;
export const PASSWORD_MAX_LENGTH = 1024;

export const userIdSchema = z
  .string()
  .max(RAW_USER_ID_MAX)
  .transform(normaliseUserId)
  .refine(isValidUserId, { message: 'not a valid user ID' });

/** Lone surrogates are not text: hashed, they would become U+FFFD, and different passwords would match. */
const wellFormed = (text: string) => !/\p{Cs}/u.test(text);
export const passwordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH).refine(wellFormed, { message: 'not well-formed Unicode' });
export const languageSchema = z.enum(LANGUAGES);

export const identifyRequest = z.strictObject({ userId: userIdSchema });
export const passwordSignInRequest = z.strictObject({
  userId: userIdSchema,
  password: passwordSchema,
});
/** "Confirm your identity": the current password, typed again before a proof changes. */
export const reauthenticateRequest = z.strictObject({ password: passwordSchema });
export const profileUpdateRequest = z.strictObject({ preferredLanguage: languageSchema });

/** My Profile → Change password: the current password proves it is the employee. */
export const passwordChangeRequest = z.strictObject({ currentPassword: passwordSchema, newPassword: passwordSchema });
/** Set a new password without the current one: after a reset, or instead of a temporary password. */
export const passwordSetRequest = z.strictObject({ newPassword: passwordSchema });
/** A k-anonymity range of the common-password list: the first 5 hex digits of a SHA-1 digest. */
export const commonRangeParams = z.strictObject({ prefix: z.string().regex(/^[0-9A-Fa-f]{5}$/, '5 hexadecimal digits') });

/**
 * Security answers and questions as sent. The enrolment rules refuse anything longer than
 * ANSWER_MAX_LENGTH / CUSTOM_QUESTION_MAX_LENGTH with a message; this bound only keeps
 * normalisation and hashing away from megabytes. Lone surrogates are not text in any script.
 */
export const QUESTION_TEXT_RAW_MAX = 1000;
export const questionTextSchema = z.string().max(QUESTION_TEXT_RAW_MAX).refine(wellFormed, { message: 'not well-formed Unicode' });
export const signInPurposeSchema = z.enum(['sign-in', 'reset']);
export const questionStartRequest = z.strictObject({ userId: userIdSchema, purpose: signInPurposeSchema });
export const questionAnswerRequest = z.strictObject({
  userId: userIdSchema,
  purpose: signInPurposeSchema,
  answers: z
    .array(z.strictObject({ position: z.number().int().min(1).max(ENROLLED_QUESTIONS), answer: questionTextSchema }))
    .length(ASKED_QUESTIONS),
});
export const securityQuestionsRequest = z.strictObject({
  questions: z
    .array(
      z.union([
        z.strictObject({ questionId: z.string().min(1).max(64), answer: questionTextSchema }),
        /** One's own question, kept as typed, in the language it was written in (default: the caller's). */
        z.strictObject({ customQuestion: questionTextSchema, language: languageSchema.optional(), answer: questionTextSchema }),
      ]),
    )
    .length(ENROLLED_QUESTIONS),
});
export type SecurityQuestionsRequest = z.input<typeof securityQuestionsRequest>;
export type SignInPurpose = z.infer<typeof signInPurposeSchema>;

export interface MethodsResponse {
  methods: MethodId[];
}

/**
 * What a session may do: everything, or only the step the employee must take first — set a new
 * password (after a reset, or a temporary password; until `until`), or enrol a method.
 */
export type SessionAccess =
  { level: 'full' } | { level: 'set-password'; reason: 'reset' | 'temporary'; until: string } | { level: 'enrol' };

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
export type SessionResponse =
  | { signedIn: false }
  | {
      signedIn: true;
      profile: ProfileResponse;
      access: SessionAccess;
      /** Until when the session may change a proof (security questions, devices) without the password typed again; null: never asked at its level. */
      recentProofUntil: string | null;
    };

/** After "Confirm your identity": the session's access, and until when its new proof is recent. */
export interface ReauthenticateResponse {
  access: SessionAccess;
  recentProofUntil: string | null;
}

/** The questions employees choose from, and the shortest answer the rules accept. */
export interface QuestionCatalogueResponse {
  questions: Array<{ id: string; text: Bilingual }>;
  answerMinLength: number;
}

/** One enrolled question: a catalogue id, or the employee's own text. Never an answer. */
export type EnrolledQuestion =
  { position: number; questionId: string } | { position: number; customQuestion: { text: string; language: Language } };

/** What the employee has enrolled, and when; `enrolledAt` is null (and the list empty) before any enrolment. */
export interface SecurityQuestionsResponse {
  enrolledAt: string | null;
  questions: EnrolledQuestion[];
}

/** The three questions of the current attempt (one's own questions: the text as typed, in both fields). */
export interface QuestionChallengeResponse {
  questions: Array<{ position: number; text: Bilingual }>;
}

export interface OrganisationResponse {
  name: Bilingual;
  helpDeskPhone: string;
  primarySystem: Bilingual;
  notice: Bilingual;
  // The server always sends these two; texts a device cached from an older version lack them.
  /** The keyboard phones show in the user-ID field (`numeric` when user IDs are digits only). */
  userIdInputMode?: UserIdInputMode;
  /** A regular expression (source, matched without case) of what employee IDs look like, to say so when one is typed as a user ID. */
  employeeIdPattern?: string;
}

/** One line of "Recent activity": a security event about the signed-in employee. */
export interface ActivityItem {
  at: string;
  type:
    | 'sign_in'
    | 'lockout'
    | 'log_out'
    | 'questions_enrolled'
    | 'password_changed'
    | 'password_reset'
    | 'reauthenticated'
    | 'device_added'
    | 'device_renamed'
    | 'device_removed'
    | 'enrolment_link_created'
    | 'enrolment_link_used'
    | 'sign_in_approved'
    | 'sign_in_approval_failed'
    | 'sign_in_reported'
    | 'account_attached'
    | 'account_attach_failed'
    | 'account_detached'
    | 'account_sync_retried';
  outcome: 'success' | 'failure' | 'locked' | 'rate_limited';
  method: string | null;
  ip: string;
  /** The mobile device an event is about (its name then), for device events. */
  device?: string;
  /** The account on a target system an event is about, for attached-account events. */
  account?: string;
}

/** Where one event came from: the browser and system its user agent names (null for what it does not say). */
export interface ActivitySource {
  browser: string | null;
  system: string | null;
  /** The sign-in that opened the session asking. */
  thisSession: boolean;
}

export interface ActivityResponse {
  events: ActivityItem[];
  /** One per event, in the same order (beside the events, which keep their shape for older clients). */
  sources: ActivitySource[];
}

/** What the browser needs to judge a new password as the server will (shared/password-policy.ts). */
export type PasswordPolicyResponse = PasswordPolicy;

/** The suffixes (35 hex digits, upper case) of listed SHA-1 digests under the asked prefix. */
export interface CommonRangeResponse {
  suffixes: string[];
}

/** After a password change or a new password: what the session allows now. */
export interface PasswordSavedResponse {
  access: SessionAccess;
}
