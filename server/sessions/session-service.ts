/**
 * Server-side sessions: the cookie carries a random token, the database its hash. A session
 * ends on log out, after `idleMs` without a request (exactly: see TOUCH_INTERVAL_MS), `absoluteMs` after it began, or — when it
 * is limited to setting a new password — `setPasswordMs` after that limit began. Changing a
 * session's level, or its last proof of identity, issues a new token (the old one stops working).
 */
import type { MethodId } from '../../shared/methods';
import { ProofSpent, type SignInProof } from '../auth/sign-in-proof';
import { recordInTransaction, type AuditEventInput, type RequestContext } from '../audit/audit-trail';
import type { Clock } from '../clock';
import type { SessionPolicy, StepUpPolicy } from '../config';
import { recordSignIn } from '../db/queries/employees';
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionWithEmployee,
  insertSession,
  touchSession,
  type SessionRow,
} from '../db/queries/sessions';
import { clearThrottle } from '../db/queries/throttles';
import type { Store, Writer } from '../db/store';
import type { Employee } from '../directory/directory';
import { toEmployee } from '../directory/sql-directory';
import type { ThrottleKey } from '../throttle/throttle-key';
import type { SessionLevel, SessionLevelReason } from './session-level';
import { hashSessionToken, newSessionToken } from './session-token';
import { recentProofUntil as proofUntil } from '../../shared/session-levels';

/**
 * Idle expiry is exact to within this: last-seen is written only when it is at least this old
 * (a page's requests in a burst cost one write, not one each), so it can be up to this much
 * earlier than the last request, and a session ends once last-seen is idle + this old. A session
 * used at t is thus alive until t + idle at least — never less — and t + idle + 1 s at most. (It
 * was a minute: a session could end up to a minute early.)
 */
export const TOUCH_INTERVAL_MS = 1000;

export interface SignedIn {
  session: SessionRow;
  employee: Employee;
}

export interface StartedSession {
  token: string;
  expiresAt: Date;
  /** When a restricted level ends, if the session has one. */
  levelExpiresAt: Date | null;
  /** Until when it may change a proof without a new one; null at a level that never asks. */
  recentProofUntil: Date | null;
}

export interface Level {
  level: SessionLevel;
  reason?: SessionLevelReason | null;
}

export interface SessionService {
  /**
   * Opens a session after a successful sign-in, and records it in the audit trail. In the same
   * transaction it ends `replaces` (the browser's current token) and clears `resets` (the
   * method's failure counter).
   */
  start(input: {
    employeeId: string;
    method: MethodId;
    level: Level;
    context: RequestContext;
    replaces?: string;
    resets?: ThrottleKey;
    audit?: Pick<AuditEventInput, 'details'>;
    /** Spends what the proof used up (sign-in-proof.ts); false rolls the sign-in back with `ProofSpent`. */
    spend?: SignInProof['spend'];
    /** Gives back the guarded attempt that proved the sign-in (sign-in-proof.ts), before `resets` is cleared. */
    settle?: SignInProof['settle'];
  }): Promise<StartedSession>;
  /**
   * Moves a session to another level under a new token, in one transaction with `alongside`
   * (the change that earned the new level: a new password, an enrolment).
   */
  changeLevel(signedIn: SignedIn, level: Level, alongside?: (w: Writer) => Promise<void>): Promise<StartedSession>;
  /**
   * Records a new proof of identity (the password typed again) under a new token, in one
   * transaction with `alongside` (its audit event).
   */
  reproved(signedIn: SignedIn, alongside?: (w: Writer) => Promise<void>): Promise<StartedSession>;
  /** Until when the session may change a proof without a new one; null when its level never asks. */
  recentProofUntil(session: SessionRow): Date | null;
  /** Whether the session's last proof is recent enough to change a proof (always, at a level that never asks). */
  hasRecentProof(session: SessionRow): boolean;
  resolve(token: string): Promise<SignedIn | null>;
  end(token: string, context: RequestContext): Promise<void>;
  purgeExpired(): Promise<number>;
}

export function createSessionService(store: Store, policy: SessionPolicy, now: Clock, stepUp: StepUpPolicy): SessionService {
  const levelExpiry = (level: Level, at: Date) => (level.level === 'set-password' ? new Date(at.getTime() + policy.setPasswordMs) : null);
  // Sessions opened before the column existed were proved when they began.
  const recentProofUntil = (session: SessionRow) => proofUntil(session.level, session.proofAt ?? session.createdAt, stepUp.recentProofMs);

  /** The same session under a new token (the old one stops working), changed by `change`. */
  async function reissue(
    session: SessionRow,
    change: Partial<SessionRow>,
    alongside?: (w: Writer) => Promise<void>,
  ): Promise<StartedSession> {
    const at = now();
    const token = newSessionToken();
    const next: SessionRow = { ...session, ...change, tokenHash: hashSessionToken(token), lastSeenAt: at };
    await store.write(async (w) => {
      if (alongside) await alongside(w);
      await deleteSession(w, session.tokenHash);
      await insertSession(w, next);
    });
    return { token, expiresAt: session.expiresAt, levelExpiresAt: next.levelExpiresAt, recentProofUntil: recentProofUntil(next) };
  }

  return {
    async start({ employeeId, method, level, context, replaces, resets, audit, spend, settle }) {
      const at = now();
      const token = newSessionToken();
      const expiresAt = new Date(at.getTime() + policy.absoluteMs);
      const levelExpiresAt = levelExpiry(level, at);
      await store.write(async (w) => {
        if (spend && !(await spend.write(w))) throw new ProofSpent(spend.refused);
        // First: clearing the counter deletes its row only once no attempt is in flight.
        if (settle) await settle.write(w);
        if (replaces) await deleteSession(w, hashSessionToken(replaces));
        if (resets) await clearThrottle(w, resets);
        const previous = await recordSignIn(w, employeeId, at, method);
        await insertSession(w, {
          tokenHash: hashSessionToken(token),
          employeeId,
          method,
          createdAt: at,
          lastSeenAt: at,
          expiresAt,
          ip: context.ip,
          userAgent: context.userAgent.slice(0, 512),
          previousSignInAt: previous?.at ?? null,
          previousSignInMethod: previous?.method ?? null,
          level: level.level,
          levelReason: level.reason ?? null,
          levelExpiresAt,
          proofAt: at,
        });
        await recordInTransaction(w, at, context, {
          type: 'sign_in',
          outcome: 'success',
          actorId: employeeId,
          subjectId: employeeId,
          method,
          details: { ...audit?.details, level: level.level },
        });
      });
      return { token, expiresAt, levelExpiresAt, recentProofUntil: proofUntil(level.level, at, stepUp.recentProofMs) };
    },

    async changeLevel({ session }, level, alongside) {
      const levelExpiresAt = levelExpiry(level, now());
      return reissue(session, { level: level.level, levelReason: level.reason ?? null, levelExpiresAt }, alongside);
    },

    async reproved({ session }, alongside) {
      return reissue(session, { proofAt: now() }, alongside);
    },

    recentProofUntil,

    hasRecentProof(session) {
      const until = recentProofUntil(session);
      return until === null || now().getTime() < until.getTime();
    },

    async resolve(token) {
      const tokenHash = hashSessionToken(token);
      const found = await findSessionWithEmployee(store, tokenHash);
      if (!found) return null;
      const at = now().getTime();
      const { session } = found;
      const ended =
        at - session.lastSeenAt.getTime() >= policy.idleMs + TOUCH_INTERVAL_MS ||
        at >= session.expiresAt.getTime() ||
        (session.levelExpiresAt !== null && at >= session.levelExpiresAt.getTime()) ||
        found.employee.disabled;
      if (ended) {
        await store.write((w) => deleteSession(w, tokenHash));
        return null;
      }
      if (at - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
        await store.write((w) => touchSession(w, tokenHash, new Date(at)));
      }
      return { session, employee: toEmployee(found.employee) };
    },

    async end(token, context) {
      const at = now();
      await store.write(async (w) => {
        const ended = await deleteSession(w, hashSessionToken(token));
        if (ended) {
          await recordInTransaction(w, at, context, {
            type: 'log_out',
            outcome: 'success',
            actorId: ended.employeeId,
            subjectId: ended.employeeId,
          });
        }
      });
    },

    async purgeExpired() {
      const at = now();
      return store.write((w) => deleteExpiredSessions(w, at, new Date(at.getTime() - policy.idleMs - TOUCH_INTERVAL_MS)));
    },
  };
}
