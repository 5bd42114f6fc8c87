/**
 * Changing a password (knowing the current one) and setting one (after proving identity through
 * "Forgot your password?", or instead of a temporary password). Each names who acts (`actor`,
 * the signed-in session) and whose password changes (`subject`): the same employee for these
 * self-service operations; a help-desk temporary password will be an actor acting on another
 * subject through the same `save`.
 *
 * Both judge the new password with the shared policy; the cheap rules first, then — only for a
 * password that passes them — the directory's history rule, which costs one argon2id
 * verification per password remembered. A saved password goes through the directory
 * (directory/directory.ts), clears the password method's failure counter, ends the subject's
 * other sessions and records the event: one transaction, with the actor's session's move to its
 * new token and level — and with one synchronisation job per linked account (accounts/password-sync.ts).
 */
import type { SessionAccess } from '../../shared/api-schemas';
import type { PasswordSync } from '../accounts/password-sync';
import { evaluatePassword, failedRules, type PasswordPolicy, type PasswordRuleId } from '../../shared/password-policy';
import { recordInTransaction, type AuditEventInput, type RequestContext } from '../audit/audit-trail';
import { levelAfterPasswordSet } from '../auth/sign-in-level';
import type { Clock } from '../clock';
import { deleteOtherSessions } from '../db/queries/sessions';
import { clearThrottle } from '../db/queries/throttles';
import type { Store, Writer } from '../db/store';
import { PasswordChangedMeanwhile, type Directory, type Employee } from '../directory/directory';
import type { MethodRegistry } from '../methods/method-registry';
import { passwordMethod } from '../methods/password/password-method';
import { toAccess } from '../profile/profile';
import type { Level, SessionService, SignedIn } from '../sessions/session-service';
import type { AttemptGuard } from '../throttle/guarded-attempt';
import { userKey } from '../throttle/throttle-key';
import { loadCommonPasswords } from './common-passwords';
import type { RefusalKind } from '../../shared/refusal-kinds';
import type { PasswordRefusal } from '../connectors/password-refusal';
import type { Logger } from '../logger';

export type PasswordSaveResult =
  /** `token`/`expiresAt`: the actor's session's new cookie. */
  | { ok: true; access: SessionAccess; token: string; expiresAt: Date }
  | { ok: false; reason: 'password_policy'; failedRules: PasswordRuleId[] }
  | { ok: false; reason: 'invalid_credentials' }
  /** The primary directory (LDAP, AD) refused the new password by its own policy: nothing changed. */
  | { ok: false; reason: 'password_refused'; refusal: RefusalKind }
  | { ok: false; reason: 'locked'; until: Date };

export interface PasswordService {
  readonly policy: PasswordPolicy;
  /** The common-password list's k-anonymity range for a 5-hex-digit prefix. */
  commonRange(prefix: string): Promise<string[]>;
  change(input: {
    actor: SignedIn;
    subject: Employee;
    currentPassword: string;
    newPassword: string;
    context: RequestContext;
  }): Promise<PasswordSaveResult>;
  set(input: { actor: SignedIn; subject: Employee; newPassword: string; context: RequestContext }): Promise<PasswordSaveResult>;
}

export function createPasswordService(deps: {
  store: Store;
  directory: Directory;
  sessions: SessionService;
  methods: MethodRegistry;
  guard: AttemptGuard;
  policy: PasswordPolicy;
  sync: PasswordSync;
  log: Logger;
  now: Clock;
}): PasswordService {
  const { directory, sessions, methods, guard, policy, now } = deps;
  const commonList = async () => (await loadCommonPasswords(policy)).list;
  const settingOptions = { mustChangeAtNextSignIn: false, notAmongLatest: policy.historySize };

  /** These operations are the employee's own: the session that acts is the subject's. */
  function assertSelfService(actor: SignedIn, subject: Employee) {
    if (actor.employee.id !== subject.id) throw new Error('self-service password operations act on the signed-in employee only');
  }

  /** Every rule but the history; the history is only asked about a password that passes them. */
  async function cheapFailures(subject: Employee, candidate: string): Promise<PasswordRuleId[]> {
    const list = await commonList();
    const results = evaluatePassword(candidate, subject, policy, { isCommon: (key) => list.has(key) });
    return failedRules(results);
  }

  /**
   * The primary directory refused the new password: the event, with the kind only (the
   * directory's own words go to the log, never to the trail or the response), and nothing else.
   */
  async function refused(refusal: PasswordRefusal, context: RequestContext, event: AuditEventInput): Promise<PasswordSaveResult> {
    deps.log.info(
      { subjectId: event.subjectId, refusal: refusal.kind, directorySaid: refusal.raw },
      'the primary directory refused a new password',
    );
    await deps.store.write((w) =>
      recordInTransaction(w, now(), context, { ...event, outcome: 'failure', details: { ...event.details, refusal: refusal.kind } }),
    );
    return { ok: false, reason: 'password_refused', refusal: refusal.kind };
  }

  /**
   * Saves the directory's prepared password in one transaction with the actor's session's move
   * to `level`: the password method's counter cleared, the subject's other sessions ended, the event.
   */
  async function save(input: {
    actor: SignedIn;
    subject: Employee;
    newPassword: string;
    level: Level;
    write: (w: Writer) => Promise<void>;
    context: RequestContext;
    event: AuditEventInput;
  }): Promise<PasswordSaveResult> {
    const { actor, subject, level, context, event } = input;
    // The accounts each target finds with the user ID are linked first, so that they are synchronised too.
    await deps.sync.discover(subject);
    const at = now();
    const writes = async (w: Writer) => {
      await input.write(w);
      // The linked accounts' jobs commit with the change, or not at all.
      await deps.sync.enqueue(w, { subject, password: input.newPassword, at });
      await clearThrottle(w, userKey(passwordMethod.lockoutScope, subject.userId));
      const ended = await deleteOtherSessions(w, subject.id, actor.session.tokenHash);
      await recordInTransaction(w, at, context, { ...event, details: { ...event.details, otherSessionsEnded: ended } });
    };
    try {
      const started = await sessions.changeLevel(actor, level, writes);
      return {
        ok: true,
        access: toAccess({ level: level.level, levelReason: level.reason ?? null, levelExpiresAt: started.levelExpiresAt }),
        token: started.token,
        expiresAt: started.expiresAt,
      };
    } catch (error) {
      if (error instanceof PasswordChangedMeanwhile) return { ok: false, reason: 'invalid_credentials' };
      throw error;
    }
  }

  return {
    policy,

    async commonRange(prefix) {
      return (await commonList()).range(prefix);
    },

    async change({ actor, subject, currentPassword, newPassword, context }) {
      assertSelfService(actor, subject);
      const event = { actorId: actor.employee.id, subjectId: subject.id, method: passwordMethod.id };

      // A password that would be refused anyway costs no guess at the current one.
      const failed = await cheapFailures(subject, newPassword);
      if (failed.length > 0) return { ok: false, reason: 'password_policy', failedRules: failed };

      // The current password is guessed against the same counter as a password sign-in.
      const proved = await guard.attempt(
        { method: passwordMethod, userId: subject.userId, context, purpose: 'change-password', actor: event },
        () => directory.verifyPassword(subject.userId, currentPassword),
      );
      if (!proved.ok)
        return proved.reason === 'wrong'
          ? { ok: false, reason: 'invalid_credentials' }
          : { ok: false, reason: 'locked', until: proved.until };

      const setting = await directory.setPassword(subject, newPassword, { ...settingOptions, currentPassword });
      if (!setting.ok) {
        // The employee proved the current password: that attempt no longer counts against them.
        await deps.store.write((w) => clearThrottle(w, proved.resets));
        if (setting.reason === 'refused')
          return refused(setting.refusal, context, { ...event, type: 'password_changed', outcome: 'failure' });
        return { ok: false, reason: 'password_policy', failedRules: ['not-recent'] };
      }
      return save({
        actor,
        subject,
        newPassword,
        level: { level: 'full' },
        write: setting.write,
        context,
        event: { ...event, type: 'password_changed', outcome: 'success' },
      });
    },

    async set({ actor, subject, newPassword, context }) {
      assertSelfService(actor, subject);
      const failed = await cheapFailures(subject, newPassword);
      if (failed.length > 0) return { ok: false, reason: 'password_policy', failedRules: failed };

      // The method that proved identity (questions, mobile device, or the temporary password).
      const base = { actorId: actor.employee.id, subjectId: subject.id, method: actor.session.method, outcome: 'success' as const };
      const event: AuditEventInput =
        actor.session.levelReason === 'temporary'
          ? { ...base, type: 'password_changed', details: { temporary: true } }
          : { ...base, type: 'password_reset' };

      const setting = await directory.setPassword(subject, newPassword, settingOptions);
      if (!setting.ok) {
        if (setting.reason === 'refused') return refused(setting.refusal, context, event);
        return { ok: false, reason: 'password_policy', failedRules: ['not-recent'] };
      }

      const canResetNextTime = await methods.hasResetMethod(subject);
      return save({ actor, subject, newPassword, level: levelAfterPasswordSet(canResetNextTime), write: setting.write, context, event });
    },
  };
}
