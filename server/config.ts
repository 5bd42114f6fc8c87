/**
 * Configuration from the environment, validated once at start. A bad value stops the server
 * with a message that names the variable; every value has a default that is safe on one machine.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { OrganisationResponse } from '../shared/api-schemas';
import { CUSTOM_QUESTION_MAX_LENGTH, DEFAULT_ANSWER_MIN_LENGTH, ENROLLED_QUESTIONS } from '../shared/answer-rules';
import {
  CHARACTER_CLASSES,
  DEFAULT_PASSWORD_POLICY,
  POLICY_LIMITS,
  type CharacterClass,
  type PasswordPolicy,
} from '../shared/password-policy';
import type { HttpTimeouts } from './http/node-server';
import { clientDist } from './http/static-client';
import { parseRootSecret, ROOT_SECRET_FORMAT, RootSecret } from './keys/root-secret';
import { defaultQuestionCatalogue, type CatalogueQuestion } from './methods/questions/question-catalogue';
import { DEMO_TARGETS } from './connectors/demo-targets';
import { readTargetsFile, type TargetDefinition } from './connectors/targets-file';
import { readDirectoryConfig, type DirectoryConfig } from './directory/ldap-directory-config';
import { demoOrganisation } from './organisation/demo-organisation';
import { employeeIdRegExp, USER_ID_INPUT_MODES } from '../shared/user-id';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export interface LockoutPolicy {
  /** Failures of one method for one user ID within the window that lock it. */
  threshold: number;
  windowMs: number;
  lockMs: number;
  /** Failures from one IP address within the window that block it, whatever the user IDs. */
  ipThreshold: number;
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  /** How long a session limited to setting a new password lasts (after a reset, or a temporary password). */
  setPasswordMs: number;
}

export interface StepUpPolicy {
  /** How long a proof of identity counts as recent, for changing a proof (security questions, devices). */
  recentProofMs: number;
}

export interface QuestionsPolicy {
  /** The questions employees choose from (SESAME_QUESTIONS_FILE, or the default catalogue). */
  catalogue: CatalogueQuestion[];
  /** Letters or digits an answer needs at least, after normalisation. */
  answerMinLength: number;
}

export interface KeysConfig {
  /** SESAME_SECRET_KEY; null: the key file in the data directory (generated on first start). */
  secret: RootSecret | null;
  /** SESAME_PREVIOUS_SECRET_KEYS: secrets rotated out, kept to verify and decrypt what they keyed. */
  previous: RootSecret[];
}

export interface AuditConfig {
  /** A signed checkpoint of the chain's head after this many new events… */
  checkpointEvents: number;
  /** …or after this long, whichever comes first (when the head moved). */
  checkpointMs: number;
}

export interface PushConfig {
  /** VAPID `sub` (SESAME_VAPID_SUBJECT): a `mailto:` or `https:` address push services can reach us at. */
  vapidSubject: string;
}

export interface Config {
  port: number;
  host: string;
  /** Where the SQLite file and generated keys live. */
  dataDir: string;
  /** The built PWA that the server serves (`npm run build` writes it to dist/client). */
  clientDir: string;
  /** `postgres://…` for PostgreSQL; otherwise a SQLite file under dataDir. */
  databaseUrl: string | null;
  /** The one origin browsers use to reach Sésame; state-changing requests must come from it. */
  origin: string;
  rpId: string;
  demo: boolean;
  /** The primary directory: the built-in one, or an LDAP / Active Directory server (SESAME_DIRECTORY). */
  directory: DirectoryConfig;
  /** The systems employees attach accounts on, and passwords are synchronised to. */
  targets: TargetDefinition[];
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  organisation: OrganisationResponse;
  lockout: LockoutPolicy;
  session: SessionPolicy;
  /** Changing a proof needs a recent one (SESAME_RECENT_PROOF_MINUTES). */
  stepUp: StepUpPolicy;
  /** "Mobile device": how long an approval request waits for the phone (SESAME_APPROVAL_SECONDS, 120). */
  approvals: { ttlMs: number };
  questions: QuestionsPolicy;
  /** What a new password must be (shared/password-policy.ts). */
  password: PasswordPolicy;
  keys: KeysConfig;
  audit: AuditConfig;
  /** How long a request's headers and body may take, and an idle keep-alive connection stay open. */
  http: HttpTimeouts;
  /** How long a stop (SIGTERM, SIGINT) may take before the process exits anyway, non-zero. */
  shutdownMs: number;
  push: PushConfig;
}

type Env = Record<string, string | undefined>;

const MINUTE = 60_000;
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);
const phone = z.string().regex(/^\+?[0-9][0-9 ().-]{3,30}$/, 'a phone number such as 1-877-411-8585');
const text = z.string().trim().min(1).max(200);
const inputMode = z.enum(USER_ID_INPUT_MODES);
const pattern = z
  .string()
  .min(1)
  .max(200)
  .refine((source) => employeeIdRegExp(source) !== null, 'a regular expression such as ^E-?\\d{6}$');
const noticeFile = z.strictObject({ en: z.string().min(1).max(5000), fr: z.string().min(1).max(5000) });

function read<T>(env: Env, name: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(name, `${issue?.message ?? 'invalid value'} (got ${JSON.stringify(raw)})`);
  }
  return parsed.data;
}

function readOrigin(env: Env, port: number): string {
  const raw = env.SESAME_ORIGIN;
  if (raw === undefined || raw === '') return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SESAME_ORIGIN', `not a URL (got ${JSON.stringify(raw)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('SESAME_ORIGIN', 'must start with https:// (or http:// for localhost)');
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new ConfigError('SESAME_ORIGIN', 'must be an origin only, such as https://sesame.example.org');
  }
  return url.origin;
}

const questionText = z.string().trim().min(1).max(CUSTOM_QUESTION_MAX_LENGTH);
const questionsFile = z
  .array(
    z.strictObject({
      id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'ids are lower-case letters, digits, - and _'),
      en: questionText,
      fr: questionText,
    }),
  )
  // Fewer than five could not fill an enrolment, nor the stand-in questions of unknown user IDs.
  .min(ENROLLED_QUESTIONS)
  .max(500)
  .refine((questions) => new Set(questions.map((q) => q.id)).size === questions.length, 'each id must appear once');

function readQuestions(env: Env): CatalogueQuestion[] {
  const path = env.SESAME_QUESTIONS_FILE;
  if (path === undefined || path === '') return defaultQuestionCatalogue;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('SESAME_QUESTIONS_FILE', `cannot read a JSON file at ${path}: ${(error as Error).message}`);
  }
  const parsed = questionsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
    throw new ConfigError(
      'SESAME_QUESTIONS_FILE',
      `must hold a JSON array of at least ${ENROLLED_QUESTIONS} questions [{"id": "…", "en": "…", "fr": "…"}]: ${issue?.message ?? 'invalid'}${where}`,
    );
  }
  return parsed.data;
}

const vapidSubject = z.string().refine((raw) => {
  try {
    const url = new URL(raw);
    return (url.protocol === 'mailto:' && url.pathname.includes('@')) || (url.protocol === 'https:' && url.hostname !== 'localhost');
  } catch {
    return false;
  }
}, 'a mailto: address or an https: URL (not localhost), such as mailto:it-security@example.org');

/**
 * Push services contact the sender through the VAPID subject. Without one configured: the
 * public URL when it is https, else a mailto: at Sésame's host name (a local trial sends to no
 * real push service anyway).
 */
function defaultVapidSubject(origin: string): string {
  const url = new URL(origin);
  return url.protocol === 'https:' && url.hostname !== 'localhost' ? url.origin : `mailto:sesame@${url.hostname}`;
}

/** The target systems of SESAME_TARGETS_FILE; the demo's two when it is unset and SESAME_DEMO is on. */
function readTargets(env: Env, demo: boolean): TargetDefinition[] {
  const path = env.SESAME_TARGETS_FILE;
  if (path) return readTargetsFile(path, env);
  return demo ? DEMO_TARGETS : [];
}

function readDatabaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return null;
  if (!/^postgres(ql)?:\/\/.+/.test(raw)) {
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// URL (leave it unset for the built-in SQLite file)');
  }
  return raw;
}

function readNotice(env: Env): OrganisationResponse['notice'] {
  const path = env.SESAME_NOTICE_FILE;
  if (path === undefined || path === '') return demoOrganisation.notice;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('SESAME_NOTICE_FILE', `cannot read a JSON file at ${path}: ${(error as Error).message}`);
  }
  const parsed = noticeFile.safeParse(json);
  if (!parsed.success) throw new ConfigError('SESAME_NOTICE_FILE', 'must hold {"en": "…", "fr": "…"}');
  return parsed.data;
}

/** "upper,digit" → ['upper', 'digit']; an unknown class stops the server. */
const characterClasses = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(CHARACTER_CLASSES, `a comma-separated list of ${CHARACTER_CLASSES.join(', ')}`)))
  .transform((classes) => CHARACTER_CLASSES.filter((c) => classes.includes(c)) as CharacterClass[]);

function readPasswordPolicy(env: Env): PasswordPolicy {
  const d = DEFAULT_PASSWORD_POLICY;
  const { minLength: minBounds, maxLength: maxBounds, historySize: historyBounds } = POLICY_LIMITS;
  const minLength = read(env, 'SESAME_PASSWORD_MIN_LENGTH', z.coerce.number().int().min(minBounds.min).max(minBounds.max), d.minLength);
  const maxLength = read(
    env,
    'SESAME_PASSWORD_MAX_LENGTH',
    z.coerce.number().int().min(minLength, `at least SESAME_PASSWORD_MIN_LENGTH (${minLength})`).max(maxBounds.max),
    Math.max(d.maxLength, minLength),
  );
  return {
    minLength,
    maxLength,
    require: read(env, 'SESAME_PASSWORD_REQUIRE', characterClasses, d.require),
    historySize: read(env, 'SESAME_PASSWORD_HISTORY', z.coerce.number().int().min(0).max(historyBounds.max), d.historySize),
  };
}

function readKeys(env: Env): KeysConfig {
  const secret = (name: string, raw: string): RootSecret => {
    const bytes = parseRootSecret(raw);
    // The value itself is never echoed: it is a secret, even when malformed.
    if (!bytes) throw new ConfigError(name, `must be ${ROOT_SECRET_FORMAT}`);
    return new RootSecret(bytes);
  };
  const current = env.SESAME_SECRET_KEY;
  const previous = env.SESAME_PREVIOUS_SECRET_KEYS;
  return {
    secret: current ? secret('SESAME_SECRET_KEY', current) : null,
    previous: previous
      ? previous
          .split(',')
          .filter((part) => part.trim())
          .map((part) => secret('SESAME_PREVIOUS_SECRET_KEYS', part))
      : [],
  };
}

export function loadConfig(env: Env = process.env): Config {
  const port = read(env, 'PORT', z.coerce.number().int().min(0).max(65535), 8080);
  const origin = readOrigin(env, port);
  const org = demoOrganisation;
  const demo = read(env, 'SESAME_DEMO', flag, false);
  const directory = readDirectoryConfig(env);
  const password = readPasswordPolicy(env);
  return {
    port,
    host: read(env, 'HOST', z.string().min(1).max(255), '127.0.0.1'),
    dataDir: resolve(read(env, 'SESAME_DATA_DIR', z.string().min(1), 'data')),
    clientDir: resolve(read(env, 'SESAME_CLIENT_DIR', z.string().min(1), clientDist)),
    databaseUrl: readDatabaseUrl(env),
    origin,
    rpId: read(env, 'SESAME_RP_ID', z.string().regex(/^[a-z0-9.-]+$/i, 'a host name'), new URL(origin).hostname),
    demo,
    directory,
    targets: readTargets(env, demo),
    trustProxy: read(env, 'SESAME_TRUST_PROXY', flag, false),
    logLevel: read(env, 'LOG_LEVEL', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
    organisation: {
      name: {
        en: read(env, 'SESAME_ORG_NAME_EN', text, org.name.en),
        fr: read(env, 'SESAME_ORG_NAME_FR', text, org.name.fr),
      },
      helpDeskPhone: read(env, 'SESAME_HELPDESK_PHONE', phone, org.helpDeskPhone),
      primarySystem: {
        en: read(env, 'SESAME_PRIMARY_SYSTEM_EN', text, org.primarySystem.en),
        fr: read(env, 'SESAME_PRIMARY_SYSTEM_FR', text, org.primarySystem.fr),
      },
      notice: readNotice(env),
      userIdInputMode: read(env, 'SESAME_USER_ID_INPUTMODE', inputMode, org.userIdInputMode),
      employeeIdPattern: read(env, 'SESAME_EMPLOYEE_ID_PATTERN', pattern, org.employeeIdPattern),
    },
    lockout: {
      threshold: read(env, 'SESAME_LOCKOUT_THRESHOLD', positiveInt(100), 5),
      windowMs: read(env, 'SESAME_LOCKOUT_WINDOW_MINUTES', positiveInt(24 * 60), 15) * MINUTE,
      lockMs: read(env, 'SESAME_LOCKOUT_MINUTES', positiveInt(24 * 60), 15) * MINUTE,
      ipThreshold: read(env, 'SESAME_IP_FAILURE_LIMIT', positiveInt(1_000_000), 100),
    },
    session: {
      idleMs: read(env, 'SESAME_SESSION_IDLE_MINUTES', positiveInt(24 * 60), 15) * MINUTE,
      absoluteMs: read(env, 'SESAME_SESSION_MAX_HOURS', positiveInt(7 * 24), 8) * 60 * MINUTE,
      setPasswordMs: read(env, 'SESAME_RESET_MINUTES', positiveInt(60), 10) * MINUTE,
    },
    stepUp: { recentProofMs: read(env, 'SESAME_RECENT_PROOF_MINUTES', positiveInt(60), 5) * MINUTE },
    approvals: { ttlMs: read(env, 'SESAME_APPROVAL_SECONDS', positiveInt(600), 120) * 1000 },
    questions: {
      catalogue: readQuestions(env),
      answerMinLength: read(env, 'SESAME_ANSWER_MIN_LENGTH', positiveInt(50), DEFAULT_ANSWER_MIN_LENGTH),
    },
    // An LDAP directory keeps the history itself (and refuses in words): Sésame's own rule would claim a check it cannot make.
    password: directory.kind === 'built-in' ? password : { ...password, historySize: 0 },
    keys: readKeys(env),
    audit: {
      checkpointEvents: read(env, 'SESAME_AUDIT_CHECKPOINT_EVENTS', positiveInt(1_000_000), 100),
      checkpointMs: read(env, 'SESAME_AUDIT_CHECKPOINT_MINUTES', positiveInt(24 * 60), 5) * MINUTE,
    },
    http: {
      requestMs: read(env, 'SESAME_REQUEST_TIMEOUT_SECONDS', positiveInt(300), 10) * 1000,
      keepAliveMs: read(env, 'SESAME_KEEP_ALIVE_SECONDS', positiveInt(120), 5) * 1000,
    },
    shutdownMs: read(env, 'SESAME_SHUTDOWN_SECONDS', positiveInt(300), 10) * 1000,
    push: { vapidSubject: read(env, 'SESAME_VAPID_SUBJECT', vapidSubject, defaultVapidSubject(origin)) },
  };
}
