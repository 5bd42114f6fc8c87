/**
 * The services the routes call, built once from the configuration and the store. Tests build
 * them the same way, with their own store and clock.
 */
import { createApprovals, type Approvals } from './approvals/approval-service';
import { createApprovalWatch, type ApprovalWatch } from './approvals/approval-watch';
import { createAuditTrail, type AuditTrail } from './audit/audit-trail';
import { checkpointFileIn } from './audit/checkpoint';
import { createReauthentication, type Reauthentication } from './auth/reauthentication';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import type { Store } from './db/store';
import { createDeviceEnrolment, type DeviceEnrolment } from './devices/device-enrolment';
import { createDeviceManagement, type DeviceManagement } from './devices/device-management';
import { createEnrolmentLinks, type EnrolmentLinks } from './devices/enrolment-links';
import type { Directory } from './directory/directory';
import { createLdapDirectory } from './directory/ldap-directory';
import { createSqlDirectory } from './directory/sql-directory';
import { createStopping, type Stopping } from './http/stopping';
import type { KeyService } from './keys/key-service';
import { openKeyService } from './keys/open-key-service';
import type { Logger } from './logger';
import { createPasswordSignIn, type PasswordSignIn } from './methods/password/password-sign-in';
import { createQuestionEnrolment, type QuestionEnrolment } from './methods/questions/question-enrolment';
import { createQuestionSets } from './methods/questions/question-sets';
import { createQuestionSignIn, type QuestionSignIn } from './methods/questions/question-sign-in';
import { createStandInQuestions } from './methods/questions/stand-in-questions';
import { createMethodRegistry, SIGN_IN_METHODS, type MethodRegistry } from './methods/method-registry';
import type { SignInMethod } from './methods/sign-in-method';
import { createPasswordService, type PasswordService } from './password/password-service';
import { createPushOutbox, type PushOutbox } from './push/push-outbox';
import { createProfileService, type ProfileService } from './profile/profile-service';
import { createSessionService, type SessionService } from './sessions/session-service';
import { createAttemptWaiters } from './throttle/attempt-waiters';
import { createAttemptGuard } from './throttle/guarded-attempt';
import { createLockout } from './throttle/lockout';
import { createOfflineCodeSignIn, type OfflineCodeSignIn } from './methods/mobile/offline-code-sign-in';
import { createPasskeySignIn, type PasskeySignIn } from './methods/mobile/passkey-sign-in';
import { createRateLimit } from './throttle/rate-limit';
import { createAccountAttachment, type AccountAttachment } from './accounts/account-attachment';
import { createPasswordSync } from './accounts/password-sync';
import { createSyncRetry, type SyncRetry } from './accounts/sync-retry';
import { createTargetRegistry, type TargetRegistry } from './connectors/target-registry';

export interface Services {
  config: Config;
  store: Store;
  log: Logger;
  now: Clock;
  /** Keys derived from the root secret (SESAME_SECRET_KEY or the data directory's key file). */
  keys: KeyService;
  audit: AuditTrail;
  /** The primary directory: the built-in one, or LDAP / Active Directory (SESAME_DIRECTORY). */
  directory: Directory;
  /** The registered sign-in methods (methods/method-registry.ts). */
  methods: MethodRegistry;
  sessions: SessionService;
  passwordSignIn: PasswordSignIn;
  reauthentication: Reauthentication;
  /** "Answer security questions", and enrolling them. */
  questionSignIn: QuestionSignIn;
  questionEnrolment: QuestionEnrolment;
  profiles: ProfileService;
  /** Change and set passwords; the policy and the common-password list. */
  passwords: PasswordService;
  /** The target systems and their connectors (SESAME_TARGETS_FILE). */
  targets: TargetRegistry;
  /** My Profile → "Attach other accounts" and "Your accounts". */
  accounts: AccountAttachment;
  /** "Try again" on a linked account whose synchronisation failed (the password typed again). */
  syncRetry: SyncRetry;
  /** "Add this device": WebAuthn registration and the device's credential, passkey and offline-code key. */
  deviceEnrolment: DeviceEnrolment;
  /** My Profile → Mobile devices: list, rename, remove; a device's push subscription. */
  devices: DeviceManagement;
  /** Queue a push inside a write (`push.enqueue(w, …)`); the push worker sends it. */
  push: PushOutbox;
  /** "Use a code from the app instead": the offline code as a guarded attempt. */
  offlineCodeSignIn: OfflineCodeSignIn;
  /** "Sign in with this device": a discoverable passkey sign-in on the phone. */
  passkeySignIn: PasskeySignIn;
  /** "Add a phone": single-use enrolment links shown as a QR code on the desktop. */
  enrolmentLinks: EnrolmentLinks;
  /** "Mobile device" sign-in: approval requests, decided on the phone (server/approvals/). */
  approvals: Approvals;
  /** Wakes this process's waiting browsers when an approval request changes. */
  approvalWatch: ApprovalWatch;
  /** Told when the server stops: event streams end then (http/stopping.ts). */
  stopping: Stopping;
}

export interface ServiceOptions {
  /** The sign-in methods; tests register their own beside the real ones. */
  methods?: readonly SignInMethod[];
}

/** The built-in directory, or the LDAP / Active Directory server of SESAME_DIRECTORY=ldap. */
function primaryDirectory(config: Config, store: Store, now: Clock): Directory {
  return config.directory.kind === 'ldap' ? createLdapDirectory(store, config.directory.ldap, now) : createSqlDirectory(store, now);
}

export function createServices(
  config: Config,
  store: Store,
  log: Logger,
  now: Clock = systemClock,
  options: ServiceOptions = {},
): Services {
  const directory = primaryDirectory(config, store, now);
  const lockout = createLockout(store, config.lockout, now);
  const keys = openKeyService(config);
  const audit = createAuditTrail(store, now, { keys, log, policy: config.audit, checkpointFile: checkpointFileIn(config.dataDir) });
  const guard = createAttemptGuard(lockout, config.lockout, audit, createAttemptWaiters(), now);
  const methods = createMethodRegistry(options.methods ?? SIGN_IN_METHODS, store);
  const sessions = createSessionService(store, config.session, now, config.stepUp);
  const standIns = createStandInQuestions(store, config.questions.catalogue, now);
  const questionSets = createQuestionSets(store, config.questions.catalogue, standIns);
  const deviceEnrolment = createDeviceEnrolment({ store, keys, config, now });
  const targets = createTargetRegistry(config.targets, store, now);
  const passwordSync = createPasswordSync({ store, keys, targets, events: store.events, log, now });
  return {
    config,
    store,
    log,
    now,
    keys,
    audit,
    directory,
    methods,
    sessions,
    passwordSignIn: createPasswordSignIn(directory, guard),
    reauthentication: createReauthentication({ directory, guard, sessions, now }),
    questionSignIn: createQuestionSignIn(
      store,
      questionSets,
      guard,
      { rateLimit: createRateLimit(store, now), policy: config.lockout },
      now,
    ),
    questionEnrolment: createQuestionEnrolment(store, sessions, config.questions, now),
    profiles: createProfileService(store, now),
    passwords: createPasswordService({ store, directory, sessions, methods, guard, policy: config.password, sync: passwordSync, log, now }),
    targets,
    accounts: createAccountAttachment({ store, targets, sync: passwordSync, log, now }),
    syncRetry: createSyncRetry({ store, directory, guard, sync: passwordSync, now }),
    deviceEnrolment,
    devices: createDeviceManagement({ store, now }),
    push: createPushOutbox(store.events),
    offlineCodeSignIn: createOfflineCodeSignIn({ store, directory, keys, guard, now }),
    passkeySignIn: createPasskeySignIn({ store, config, now }),
    enrolmentLinks: createEnrolmentLinks({ store, config, now, enrolment: deviceEnrolment }),
    approvals: createApprovals({ store, config, directory, rateLimit: createRateLimit(store, now), audit, now }),
    approvalWatch: createApprovalWatch(store, log),
    stopping: createStopping(),
  };
}
