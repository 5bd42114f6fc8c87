/**
 * What one failure counter counts: one method of one user ID, or one client address (every
 * method together). User IDs are counted whether or not they exist, exactly alike. A `rate`
 * counter is no failure counter: it counts requests for a rate limit (rate-limit.ts).
 */
export const THROTTLE_KINDS = ['user', 'address', 'rate'] as const;
export type ThrottleKind = (typeof THROTTLE_KINDS)[number];

export interface ThrottleKey {
  kind: ThrottleKind;
  /** The method's lockout scope for `user`; `*` for `address`; the limit's scope for `rate`. */
  method: string;
  /** The user ID as typed, or the address. */
  subject: string;
}

/** The address counter spans every method. */
export const EVERY_METHOD = '*';

export function userKey(method: string, userId: string): ThrottleKey {
  return { kind: 'user', method, subject: userId };
}

export function addressKey(ip: string): ThrottleKey {
  return { kind: 'address', method: EVERY_METHOD, subject: ip };
}

/** A rate limit's counter: `scope` names the limit and what it counts (e.g. `questions-start:user`). */
export function rateKey(scope: string, subject: string): ThrottleKey {
  return { kind: 'rate', method: scope, subject };
}

export function sameKey(a: ThrottleKey, b: ThrottleKey): boolean {
  return a.kind === b.kind && a.method === b.method && a.subject === b.subject;
}

/** One string per key, for maps. */
export function keyText(key: ThrottleKey): string {
  return JSON.stringify([key.kind, key.method, key.subject]);
}
