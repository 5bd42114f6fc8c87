/**
 * Server-side sessions: the cookie carries a random token, the database its hash. A session
 * ends on log out, after `idleMs` without a request, or `absoluteMs` after it began.
 */
import type { MethodId } from '../../shared/methods';
import type { Clock } from '../clock';
import type { SessionPolicy } from '../config';
import { recordSignIn } from '../db/queries/employees';
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionWithEmployee,
  insertSession,
  touchSession,
  type SessionRow,
} from '../db/queries/sessions';
import { clearScope } from '../db/queries/throttles';
import type { Store } from '../db/store';
import type { Employee } from '../directory/directory';
import { toEmployee } from '../directory/sql-directory';
import { hashSessionToken, newSessionToken } from './session-token';

/** Writing last-seen on every request would cost a write each; a minute's precision is enough. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SignedIn {
  session: SessionRow;
  employee: Employee;
}

export interface StartedSession {
  token: string;
  expiresAt: Date;
}

export interface SessionService {
  /**
   * Opens a session after a successful sign-in. In the same transaction it ends `replaces` (the
   * browser's current token) and clears `resets` (the method's failure counter).
   */
  start(input: {
    employeeId: string;
    method: MethodId;
    ip: string;
    userAgent: string;
    replaces?: string;
    resets?: string;
  }): Promise<StartedSession>;
  resolve(token: string): Promise<SignedIn | null>;
  end(token: string): Promise<void>;
  purgeExpired(): Promise<number>;
}

export function createSessionService(store: Store, policy: SessionPolicy, now: Clock): SessionService {
  return {
    async start({ employeeId, method, ip, userAgent, replaces, resets }) {
      const at = now();
      const token = newSessionToken();
      const expiresAt = new Date(at.getTime() + policy.absoluteMs);
      await store.write(async (w) => {
        if (replaces) await deleteSession(w, hashSessionToken(replaces));
        if (resets) await clearScope(w, resets);
        const previous = await recordSignIn(w, employeeId, at, method);
        await insertSession(w, {
          tokenHash: hashSessionToken(token),
          employeeId,
          method,
          createdAt: at,
          lastSeenAt: at,
          expiresAt,
          ip,
          userAgent: userAgent.slice(0, 512),
          previousSignInAt: previous?.at ?? null,
          previousSignInMethod: previous?.method ?? null,
        });
      });
      return { token, expiresAt };
    },

    async resolve(token) {
      const tokenHash = hashSessionToken(token);
      const found = await findSessionWithEmployee(store, tokenHash);
      if (!found) return null;
      const at = now();
      const idle = at.getTime() - found.session.lastSeenAt.getTime() > policy.idleMs;
      const expired = at.getTime() >= found.session.expiresAt.getTime();
      if (idle || expired || found.employee.disabled) {
        await store.write((w) => deleteSession(w, tokenHash));
        return null;
      }
      if (at.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
        await store.write((w) => touchSession(w, tokenHash, at));
      }
      return { session: found.session, employee: toEmployee(found.employee) };
    },

    async end(token) {
      await store.write((w) => deleteSession(w, hashSessionToken(token)));
    },

    async purgeExpired() {
      const at = now();
      return store.write((w) => deleteExpiredSessions(w, at, new Date(at.getTime() - policy.idleMs)));
    },
  };
}
