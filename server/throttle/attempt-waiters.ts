/**
 * Where attempts that found their counter full (lockout.ts: attempts in flight fill the room)
 * wait for one to settle. An attempt settled by this process wakes its waiters at once; one
 * settled by another instance is seen at the next poll, so waiting never depends on a wake-up.
 */
import { keyText, type ThrottleKey } from './throttle-key';

export interface AttemptWaiters {
  /** Resolves when one of `keys` is settled here, or after `ms`. */
  wait(keys: ThrottleKey[], ms: number): Promise<void>;
  /** Wakes every attempt waiting on `keys` (they locked), or the first on each (one attempt's room came free). */
  wake(keys: ThrottleKey[], which: 'all' | 'first'): void;
}

export function createAttemptWaiters(): AttemptWaiters {
  const waiting = new Map<string, Set<() => void>>();
  return {
    wait(keys, ms) {
      return new Promise((resolve) => {
        const names = keys.map(keyText);
        const done = () => {
          clearTimeout(timer);
          for (const name of names) {
            const set = waiting.get(name);
            set?.delete(done);
            if (set?.size === 0) waiting.delete(name);
          }
          resolve();
        };
        const timer = setTimeout(done, ms);
        for (const name of names) waiting.set(name, (waiting.get(name) ?? new Set()).add(done));
      });
    },
    wake(keys, which) {
      for (const name of keys.map(keyText)) {
        const waiters = [...(waiting.get(name) ?? [])];
        for (const done of which === 'all' ? waiters : waiters.slice(0, 1)) done();
      }
    },
  };
}
