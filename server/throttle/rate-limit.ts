/**
 * A plain rate limit: at most `limit` events per key in a fixed window, counted in the database
 * (so instances count together) on a counter of its own scope. For requests that check no
 * secret but must not be repeated at will — opening a security-question attempt.
 */
import type { Clock } from '../clock';
import { countInWindow } from '../db/queries/throttles';
import type { Store } from '../db/store';
import type { ThrottleKey } from './throttle-key';

export interface RateLimit {
  /**
   * Counts one event on every key, in one transaction, and returns the first key past its limit
   * with the end of its window — or null. Every key is counted, whichever is past its limit, so
   * the work done does not depend on it.
   */
  take(limits: Array<{ key: ThrottleKey; limit: number }>, windowMs: number): Promise<{ key: ThrottleKey; until: Date } | null>;
}

export function createRateLimit(store: Store, now: Clock): RateLimit {
  return {
    async take(limits, windowMs) {
      const at = now();
      const windowStart = new Date(at.getTime() - windowMs);
      return store.write(async (w) => {
        let over: { key: ThrottleKey; until: Date } | null = null;
        for (const { key, limit } of limits) {
          const counted = await countInWindow(w, key, at, windowStart);
          if (counted.count > limit) over ??= { key, until: new Date(counted.windowStartedAt.getTime() + windowMs) };
        }
        return over;
      });
    },
  };
}
