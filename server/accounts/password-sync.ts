/**
 * Password synchronisation, the queue's writing side: after the primary directory took a new
 * password, `enqueue` — inside that change's own transaction — writes one job per linked account
 * and the new password encrypted by the key service (`pending-password`, bound to the change's
 * id), so that the change and its jobs commit together or not at all. Jobs of earlier changes
 * still waiting for those accounts are superseded: the newest password is the one to deliver.
 *
 * `discover`, before the transaction, links the accounts each target finds with the employee's
 * user ID ("found"); a target that does not answer is skipped (its found accounts are linked the
 * next time), never delaying the change by more than its connector's time-out.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { TargetUnavailable } from '../connectors/connector';
import type { TargetRegistry } from '../connectors/target-registry';
import {
  findAccountLinks,
  insertAccountLinks,
  insertPendingPassword,
  insertSyncJobs,
  setLinkSyncStatus,
  supersedePendingJobs,
  wipePendingPasswordsIfDone,
} from '../db/queries/password-sync';
import type { Store, Writer } from '../db/store';
import type { Employee } from '../directory/directory';
import type { Events } from '../events/events';
import type { KeyService } from '../keys/key-service';
import type { Logger } from '../logger';

/** The event channel the sync workers (and "Your accounts" screens) listen on. */
export const SYNC_CHANNEL = 'password_sync';

/** How long a job is retried before it is marked failed. */
export const SYNC_DEADLINE_MS = 24 * 60 * 60 * 1000;

export interface PasswordSync {
  discover(subject: Employee): Promise<void>;
  /**
   * The change's id, or null when the employee has no linked account. `linkIds` narrows the jobs
   * to these links (a retry of failed ones); by default every linked account gets one.
   */
  enqueue(w: Writer, input: { subject: Employee; password: string; at: Date; linkIds?: readonly string[] }): Promise<string | null>;
}

export function createPasswordSync(deps: {
  store: Store;
  keys: KeyService;
  targets: TargetRegistry;
  events: Pick<Events, 'publish'>;
  log: Logger;
  now: Clock;
}): PasswordSync {
  const { store, keys, targets, events, log, now } = deps;
  return {
    async discover(subject) {
      const found = await Promise.all(
        targets.list().map(async (target) => {
          try {
            return (await target.connector.find(subject.userId)).map((a) => ({ target: target.id, account: a.account }));
          } catch (error) {
            const reason = error instanceof TargetUnavailable ? error.reason : (error as Error).message;
            log.warn({ target: target.id, reason }, 'target did not answer: its found accounts are linked later');
            return [];
          }
        }),
      );
      if (found.flat().length === 0) return;
      const at = now();
      await store.write((w) =>
        insertAccountLinks(
          w,
          found.flat().map(({ target, account }) => ({
            id: randomUUID(),
            employeeId: subject.id,
            targetId: target,
            account,
            linkedHow: 'found',
            createdAt: at,
            syncStatus: null,
            syncReason: null,
            syncAt: null,
          })),
        ),
      );
    },

    async enqueue(w, { subject, password, at, linkIds: only }) {
      const links = (await findAccountLinks(w, subject.id)).filter((l) => targets.get(l.targetId) && (!only || only.includes(l.id)));
      if (links.length === 0) return null;
      const linkIds = links.map((l) => l.id);
      const superseded = await supersedePendingJobs(w, linkIds, at);
      const changeId = randomUUID();
      await insertPendingPassword(w, {
        changeId,
        employeeId: subject.id,
        ciphertext: keys.encrypt('pending-password', password, changeId),
        createdAt: at,
      });
      await insertSyncJobs(
        w,
        links.map((link) => ({
          id: randomUUID(),
          changeId,
          employeeId: subject.id,
          linkId: link.id,
          status: 'pending',
          reason: null,
          attempts: 0,
          nextAttemptAt: at,
          deadlineAt: new Date(at.getTime() + SYNC_DEADLINE_MS),
          claimedBy: null,
          claimedUntil: null,
          createdAt: at,
          finishedAt: null,
        })),
      );
      await setLinkSyncStatus(w, linkIds, 'pending', null, at);
      await wipePendingPasswordsIfDone(w, superseded);
      await events.publish(w, SYNC_CHANNEL, { employeeId: subject.id });
      return changeId;
    },
  };
}
