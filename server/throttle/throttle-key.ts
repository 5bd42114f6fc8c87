/**
 * What one failure counter counts: one method of one user ID, or one client address (every
 * method together). User IDs are counted whether or not they exist, exactly alike.
 */
export const THROTTLE_KINDS = ['user', 'address'] as const;
export type ThrottleKind = (typeof THROTTLE_KINDS)[number];

export interface ThrottleKey {
  kind: ThrottleKind;
  /** The method's lockout scope for `user`; `*` for `address`. */
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

export function sameKey(a: ThrottleKey, b: ThrottleKey): boolean {
  return a.kind === b.kind && a.method === b.method && a.subject === b.subject;
}
