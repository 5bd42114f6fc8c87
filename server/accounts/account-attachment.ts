/**
 * My Profile → "Attach other accounts" and "Your accounts": the employee proves that accounts
 * on other systems are theirs, row by row, against each target's connector; the proved ones
 * become `attached` links, synchronised with every later change of password. The list shows the
 * found accounts too (discovered on each target with the employee's own user ID).
 *
 * Guessing is limited like a sign-in method's: each row is counted before its check on the
 * employee's own `attach` counter, and 10 wrong rows in 15 minutes lock the feature for them for
 * 15 minutes. Passwords typed here are checked and forgotten: never stored, logged or audited.
 */
import { randomUUID } from 'node:crypto';
import type { AccountsResponse, AttachAccountsResponse, AttachOutcome } from '../../shared/account-schemas';
import { recordInTransaction, type RequestContext } from '../audit/audit-trail';
import type { Clock } from '../clock';
import { TargetUnavailable } from '../connectors/connector';
import type { TargetRegistry } from '../connectors/target-registry';
import { deleteAttachedLink, findAccountLinks, insertAccountLinks } from '../db/queries/password-sync';
import type { Store } from '../db/store';
import type { Employee } from '../directory/directory';
import type { Logger } from '../logger';
import { createLockout, type Guarded } from '../throttle/lockout';
import { userKey } from '../throttle/throttle-key';
import type { PasswordSync } from './password-sync';

const MINUTE = 60_000;
export const ATTACH_POLICY = { threshold: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, ipThreshold: Number.MAX_SAFE_INTEGER };

export type AttachResult = { ok: true; body: AttachAccountsResponse } | { ok: false; until: Date };

export interface AccountAttachment {
  /** The targets and the employee's linked accounts, after looking for found ones on each target. */
  list(employee: Employee): Promise<AccountsResponse>;
  /** The same, from the database only: what a synchronisation's progress is followed with. */
  links(employee: Employee): Promise<AccountsResponse>;
  attach(
    employee: Employee,
    rows: Array<{ targetId: string; account: string; password: string }>,
    context: RequestContext,
  ): Promise<AttachResult>;
  /** False when there is no such attached account of this employee (found ones are not detached: they are the employee's own ID). */
  detach(employee: Employee, linkId: string, context: RequestContext): Promise<boolean>;
}

export function createAccountAttachment(deps: {
  store: Store;
  targets: TargetRegistry;
  sync: PasswordSync;
  log: Logger;
  now: Clock;
}): AccountAttachment {
  const { store, targets, sync, log, now } = deps;
  const lockout = createLockout(store, ATTACH_POLICY, now);
  const counter = (employee: Employee): Guarded[] => [{ key: userKey('attach', employee.userId), threshold: ATTACH_POLICY.threshold }];

  async function prove(targetId: string, account: string, password: string): Promise<AttachOutcome> {
    const target = targets.get(targetId);
    if (!target) return 'unknown_target';
    try {
      return (await target.connector.verify(account, password)) === 'ok' ? 'attached' : 'wrong_account_or_password';
    } catch (error) {
      const reason = error instanceof TargetUnavailable ? error.reason : (error as Error).message;
      log.warn({ target: targetId, reason }, 'target unavailable while attaching an account');
      return 'unavailable';
    }
  }

  async function links(employee: Employee): Promise<AccountsResponse> {
    const rows = await findAccountLinks(store, employee.id);
    return {
      targets: targets.list().map((t) => ({ id: t.id, name: t.name })),
      accounts: rows
        .filter((l) => targets.get(l.targetId))
        .map((l) => ({
          id: l.id,
          targetId: l.targetId,
          account: l.account,
          linkedHow: l.linkedHow,
          sync: l.syncStatus && l.syncAt ? { status: l.syncStatus, reason: l.syncReason ?? null, at: l.syncAt.toISOString() } : null,
        })),
    };
  }

  return {
    async list(employee) {
      await sync.discover(employee);
      return links(employee);
    },

    links,

    async attach(employee, rows, context) {
      const guarded = counter(employee);
      const locked = await lockout.lockedKey(guarded.map((g) => g.key));
      if (locked) return { ok: false, until: locked.until };
      const existing = new Set((await findAccountLinks(store, employee.id)).map((l) => `${l.targetId}\u0000${l.account}`));
      const results: AttachAccountsResponse['results'] = [];
      for (const row of rows) {
        if (existing.has(`${row.targetId}\u0000${row.account}`)) {
          results.push({ targetId: row.targetId, account: row.account, outcome: 'already_linked' });
          continue;
        }
        const admitted = await lockout.admit(guarded);
        if (!admitted.ok) {
          if (admitted.state === 'locked') return { ok: false, until: admitted.until };
          results.push({ targetId: row.targetId, account: row.account, outcome: 'unavailable' });
          continue;
        }
        const outcome = await prove(row.targetId, row.account, row.password);
        const wrong = outcome === 'wrong_account_or_password' || outcome === 'unknown_target';
        const settled = await lockout.settle(guarded, wrong);
        const at = now();
        const details = { target: row.targetId, account: row.account };
        await store.write(async (w) => {
          if (outcome === 'attached') {
            await insertAccountLinks(w, [
              {
                id: randomUUID(),
                employeeId: employee.id,
                targetId: row.targetId,
                account: row.account,
                linkedHow: 'attached',
                createdAt: at,
                syncStatus: null,
                syncReason: null,
                syncAt: null,
              },
            ]);
          }
          if (outcome !== 'unavailable') {
            await recordInTransaction(w, at, context, {
              type: outcome === 'attached' ? 'account_attached' : 'account_attach_failed',
              outcome: outcome === 'attached' ? 'success' : 'failure',
              actorId: employee.id,
              subjectId: employee.id,
              details,
            });
          }
        });
        if (outcome === 'attached') existing.add(`${row.targetId}\u0000${row.account}`);
        results.push({ targetId: row.targetId, account: row.account, outcome });
        const lock = settled.locked[0];
        if (lock) {
          // The rows after the one that locked the feature are not checked.
          return { ok: false, until: lock.until };
        }
      }
      return { ok: true, body: { results } };
    },

    async detach(employee, linkId, context) {
      const at = now();
      return store.write(async (w) => {
        const link = await deleteAttachedLink(w, employee.id, linkId);
        if (!link) return false;
        await recordInTransaction(w, at, context, {
          type: 'account_detached',
          outcome: 'success',
          actorId: employee.id,
          subjectId: employee.id,
          details: { target: link.targetId, account: link.account },
        });
        return true;
      });
    },
  };
}
