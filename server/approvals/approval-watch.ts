/**
 * Wakes the waiting browsers of this process. One subscription to the `approvals` channel per
 * process, however many browsers wait (ten thousand open event streams cost a map entry each,
 * not a listener each); an event wakes only the watchers of its request. A gap in delivery (the
 * LISTEN connection was lost) wakes every watcher, which re-reads its request: the state is in
 * the database, an event only says "look again".
 */
import type { Store } from '../db/store';
import type { Logger } from '../logger';
import { APPROVALS_CHANNEL, requestIdOf } from './approval-events';

export type Wake = () => void;

export interface ApprovalWatch {
  /** Resolves once listening: a change committed from then on calls `wake`. Returns the unwatch. */
  watch(requestId: string, wake: Wake): Promise<() => void>;
  /** How many watchers wait (for the benchmark and the tests). */
  readonly size: number;
}

export function createApprovalWatch(store: Store, log: Logger): ApprovalWatch {
  const watchers = new Map<string, Set<Wake>>();
  let size = 0;
  let listening: Promise<unknown> | null = null;

  const wakeAll = () => {
    for (const set of watchers.values()) for (const wake of set) wake();
  };
  const listen = () =>
    (listening ??= store.events
      .subscribe(
        APPROVALS_CHANNEL,
        (payload) => {
          const id = requestIdOf(payload);
          if (id) for (const wake of watchers.get(id) ?? []) wake();
        },
        { onGap: wakeAll },
      )
      .catch((error: unknown) => {
        listening = null;
        log.error({ err: error }, 'cannot listen for approval events');
        throw error;
      }));

  return {
    async watch(requestId, wake) {
      await listen();
      let set = watchers.get(requestId);
      if (!set) watchers.set(requestId, (set = new Set()));
      set.add(wake);
      size++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        size--;
        set.delete(wake);
        if (set.size === 0 && watchers.get(requestId) === set) watchers.delete(requestId);
      };
    },
    get size() {
      return size;
    },
  };
}
