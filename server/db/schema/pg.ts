/**
 * The PostgreSQL schema: the twin of `sqlite.ts`, column for column (proved by
 * test/server/schema-equivalence.test.ts). Only the column types are PostgreSQL's own.
 */
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp as pgTimestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Language } from '../../../shared/languages';
import type { MethodId } from '../../../shared/methods';
import type { Role } from '../../directory/roles';
import type { SessionLevel, SessionLevelReason } from '../../sessions/session-level';
import type { AuditDetails } from '../../audit/audit-event';
import type { ApprovalStatus } from '../../approvals/approval-status';
import type { ThrottleKind } from '../../throttle/throttle-key';
import type { PushPayload } from '../../../shared/push-payload';
import type { SyncFailureReason, SyncStatus } from '../../../shared/sync-status';

const timestamp = (name: string) => pgTimestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const employees = pgTable('employees', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().unique(),
  employeeId: text('employee_id').notNull().unique(),
  displayName: text('display_name').notNull(),
  preferredLanguage: text('preferred_language').$type<Language>().notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: jsonb('roles').$type<Role[]>().notNull(),
  mustChangePassword: boolean('must_change_password').notNull(),
  disabled: boolean('disabled').notNull(),
  lastSignInAt: timestamp('last_sign_in_at'),
  lastSignInMethod: text('last_sign_in_method').$type<MethodId>(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    employeeId: text('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    method: text('method').$type<MethodId>().notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull(),
    previousSignInAt: timestamp('previous_sign_in_at'),
    previousSignInMethod: text('previous_sign_in_method').$type<MethodId>(),
    /** What the session may do: everything, or only the step the employee must take first. */
    level: text('level').$type<SessionLevel>().notNull(),
    levelReason: text('level_reason').$type<SessionLevelReason>(),
    /** A restricted level lasts only this long (a password reset: 10 minutes). */
    levelExpiresAt: timestamp('level_expires_at'),
    /** The session's last proof of identity (sign-in or re-authentication); null: `createdAt`. */
    proofAt: timestamp('proof_at'),
  },
  (t) => [index('sessions_employee_idx').on(t.employeeId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Failure counters and locks. `kind` says what is counted: one method of one user ID (`user`:
 * `method` the method's lockout scope, `subject` the user ID as typed, whether it exists or not)
 * or one client address (`address`: `method` is `*`, every method together; `subject` the
 * address). Own columns rather than one scope string, so that "this employee's locks" is an
 * indexed query.
 */
export const throttles = pgTable(
  'throttles',
  {
    kind: text('kind').$type<ThrottleKind>().notNull(),
    method: text('method').notNull(),
    subject: text('subject').notNull(),
    failures: integer('failures').notNull(),
    /** Attempts counted and not yet settled: their secret is being checked right now. */
    pending: integer('pending').notNull().default(0),
    windowStartedAt: timestamp('window_started_at').notNull(),
    lockedUntil: timestamp('locked_until'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.subject, t.method] }), index('throttles_subject_idx').on(t.kind, t.subject)],
);

/** The employee's security questions: one row per question, answers as argon2id hashes only. */
export const securityAnswers = pgTable(
  'security_answers',
  {
    employeeId: text('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** A question of the catalogue, or null for the employee's own question. */
    questionId: text('question_id'),
    customQuestion: text('custom_question'),
    customLanguage: text('custom_language').$type<Language>(),
    answerHash: text('answer_hash').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.employeeId, t.position] })],
);

/**
 * The questions drawn for one user ID's current attempt (whether or not the ID exists): the
 * same ones until the attempt is answered or expires.
 */
export const questionChallenges = pgTable('question_challenges', {
  userId: text('user_id').primaryKey(),
  positions: jsonb('positions').$type<number[]>().notNull(),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
});

/** Hashes of an employee's earlier passwords, so that a new one cannot be a recent one. */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: text('id').primaryKey(),
    employeeId: text('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('password_history_employee_idx').on(t.employeeId, t.createdAt)],
);

/**
 * The audit trail: append-only, each row carrying the hash of the one before it. Never a
 * secret in any column. Subjects are kept as IDs, not foreign keys: the trail outlives records.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at').notNull(),
    type: text('type').notNull(),
    outcome: text('outcome').notNull(),
    actorId: text('actor_id'),
    subjectId: text('subject_id'),
    subjectUserId: text('subject_user_id'),
    method: text('method'),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull(),
    details: jsonb('details').$type<AuditDetails>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // Table-level keys: SQLite would give a column-level INTEGER PRIMARY KEY a default (rowid).
  (t) => [
    primaryKey({ columns: [t.seq] }),
    // What the trail is searched by: whom an event is about, who acted, what happened, and when.
    index('audit_events_subject_idx').on(t.subjectId, t.seq),
    index('audit_events_actor_idx').on(t.actorId, t.seq),
    index('audit_events_type_idx').on(t.type, t.seq),
    index('audit_events_at_idx').on(t.at),
  ],
);

/** The end of the audit chain: one row, locked by every append so that appends take turns. */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer('id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.id] })],
);

/** Secrets every instance must share (the key behind fake security questions), made on first use. */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at').notNull(),
});

/**
 * An employee's enrolled phone (or computer). The app on it holds the device credential, a
 * long-lived cookie whose token's SHA-256 is `credentialHash`; revoking the device sets
 * `revokedAt`, which stops that cookie, its passkeys and its push subscription at once.
 */
export const mobileDevices = pgTable(
  'mobile_devices',
  {
    id: text('id').primaryKey(),
    employeeId: text('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    platform: text('platform').notNull(),
    /** The device's language, for the texts of its notifications. */
    language: text('language').$type<Language>().notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
    credentialHash: text('credential_hash').notNull().unique(),
    /** The offline-code key, encrypted by the key service (purpose `totp-secret`). */
    totpSecret: text('totp_secret').notNull(),
    /** The last TOTP step accepted, so that each step is accepted once. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  },
  (t) => [index('mobile_devices_employee_idx').on(t.employeeId)],
);

/** A device's WebAuthn credential (its passkey), as SimpleWebAuthn's example stores it. */
export const devicePasskeys = pgTable(
  'device_passkeys',
  {
    credentialId: text('credential_id').primaryKey(),
    deviceId: text('device_id')
      .notNull()
      .references(() => mobileDevices.id, { onDelete: 'cascade' }),
    employeeId: text('employee_id').notNull(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull(),
    transports: jsonb('transports').$type<string[]>().notNull(),
    backedUp: boolean('backed_up').notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastUsedAt: timestamp('last_used_at'),
  },
  (t) => [index('device_passkeys_employee_idx').on(t.employeeId), index('device_passkeys_device_idx').on(t.deviceId)],
);

/** A device's Web Push subscription: at most one per device. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    deviceId: text('device_id')
      .primaryKey()
      .references(() => mobileDevices.id, { onDelete: 'cascade' }),
    employeeId: text('employee_id').notNull(),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('push_subscriptions_employee_idx').on(t.employeeId)],
);

/**
 * WebAuthn challenges the server issued, keyed by the challenge itself (base64url, as the library
 * returned it): single use (claimed by deleting it), short-lived, bound to the session or request
 * that asked (`owner`, a hash) and to what it is for (`purpose`).
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    challenge: text('challenge').primaryKey(),
    purpose: text('purpose').notNull(),
    owner: text('owner').notNull(),
    employeeId: text('employee_id'),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('webauthn_challenges_expires_idx').on(t.expiresAt)],
);

/** Pushes to send, one row per subscription (see sqlite.ts). */
export const pushOutbox = pgTable(
  'push_outbox',
  {
    id: text('id').primaryKey(),
    deviceId: text('device_id')
      .notNull()
      .references(() => pushSubscriptions.deviceId, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    payload: jsonb('payload').$type<PushPayload>().notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until'),
  },
  (t) => [
    index('push_outbox_due_idx').on(t.nextAttemptAt),
    index('push_outbox_device_idx').on(t.deviceId),
    index('push_outbox_expires_idx').on(t.expiresAt),
  ],
);

/**
 * "Add a phone": a single-use link shown as a QR code on the desktop, valid 5 minutes. The token
 * is in the link's fragment only; the database keeps its SHA-256. `replaced_at` is set when the
 * employee asks for a newer code, `used_at` and `device_id` in the transaction that adds the
 * device.
 */
export const enrolmentLinks = pgTable(
  'enrolment_links',
  {
    id: text('id').primaryKey(),
    employeeId: text('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    replacedAt: timestamp('replaced_at'),
    usedAt: timestamp('used_at'),
    deviceId: text('device_id'),
  },
  (t) => [index('enrolment_links_employee_idx').on(t.employeeId), index('enrolment_links_expires_idx').on(t.expiresAt)],
);

/** Sign-in approval requests: see sqlite.ts. */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: text('id').primaryKey(),
    employeeId: text('employee_id'),
    number: integer('number').notNull(),
    browserSecretHash: text('browser_secret_hash').notNull().unique(),
    challenge: text('challenge'),
    status: text('status').$type<ApprovalStatus>().notNull(),
    wrongNumbers: integer('wrong_numbers').notNull(),
    purpose: text('purpose').$type<'sign-in' | 'reset'>().notNull(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    decidedAt: timestamp('decided_at'),
    decidedByDevice: text('decided_by_device'),
  },
  (t) => [index('approval_requests_employee_idx').on(t.employeeId, t.status), index('approval_requests_expires_idx').on(t.expiresAt)],
);

/** Accounts on the built-in connector's target systems: see sqlite.ts. */
export const targetAccounts = pgTable(
  'target_accounts',
  {
    targetId: text('target_id').notNull(),
    account: text('account').notNull(),
    userId: text('user_id'),
    passwordHash: text('password_hash').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.account] }), index('target_accounts_user_idx').on(t.targetId, t.userId)],
);

/** The employee's accounts on target systems: see sqlite.ts. */
export const accountLinks = pgTable(
  'account_links',
  {
    id: text('id').primaryKey(),
    employeeId: text('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    targetId: text('target_id').notNull(),
    account: text('account').notNull(),
    linkedHow: text('linked_how').$type<'found' | 'attached'>().notNull(),
    createdAt: timestamp('created_at').notNull(),
    syncStatus: text('sync_status').$type<SyncStatus>(),
    syncReason: text('sync_reason').$type<SyncFailureReason>(),
    syncAt: timestamp('sync_at'),
  },
  (t) => [uniqueIndex('account_links_account_idx').on(t.employeeId, t.targetId, t.account)],
);

/** A new password waiting for its synchronisation jobs: see sqlite.ts. */
export const pendingPasswords = pgTable('pending_passwords', {
  changeId: text('change_id').primaryKey(),
  employeeId: text('employee_id')
    .notNull()
    .references(() => employees.id, { onDelete: 'cascade' }),
  ciphertext: text('ciphertext').notNull(),
  createdAt: timestamp('created_at').notNull(),
});

/** Synchronisation jobs: see sqlite.ts. */
export const syncJobs = pgTable(
  'sync_jobs',
  {
    id: text('id').primaryKey(),
    changeId: text('change_id').notNull(),
    employeeId: text('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    linkId: text('link_id')
      .notNull()
      .references(() => accountLinks.id, { onDelete: 'cascade' }),
    status: text('status').$type<SyncStatus>().notNull(),
    reason: text('reason').$type<SyncFailureReason>(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    deadlineAt: timestamp('deadline_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until'),
    createdAt: timestamp('created_at').notNull(),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [
    index('sync_jobs_due_idx').on(t.status, t.nextAttemptAt),
    index('sync_jobs_change_idx').on(t.changeId),
    index('sync_jobs_link_idx').on(t.linkId),
  ],
);
