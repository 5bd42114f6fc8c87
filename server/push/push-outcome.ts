/**
 * What became of one push, from the push service's answer (RFC 8030 §§ 5, 7.3; RFC 8292):
 * - delivered: 2xx, the push service has it;
 * - gone: 404 or 410, the subscription has expired or was unsubscribed — delete it, or the
 *   push service (and iOS's in particular) keeps refusing and counting;
 * - retry: 429, 5xx, or no answer (network, time-out) — later, while the push still means something;
 * - drop: any other 4xx (400 malformed, 401/403 VAPID refused, 413 too large): sending the same
 *   request again would be refused again.
 */
export type PushOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'gone'; status: number }
  | { kind: 'retry'; status: number | null; reason: string; retryAfterMs: number | null }
  | { kind: 'drop'; status: number | null; reason: string };

/** The longest a push service's Retry-After is followed: our pushes live two minutes at most anyway. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

export function classifyResponse(status: number, retryAfter: string | null, now: Date): PushOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 404 || status === 410) return { kind: 'gone', status };
  if (status === 429 || status >= 500) {
    return { kind: 'retry', status, reason: `push service answered ${status}`, retryAfterMs: parseRetryAfter(retryAfter, now) };
  }
  return { kind: 'drop', status, reason: `push service answered ${status}` };
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 § 10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now.getTime();
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
