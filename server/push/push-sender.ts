/**
 * Sends one Web Push: the payload encrypted for the subscription (RFC 8291, aes128gcm) and
 * signed as Sésame (VAPID, RFC 8292) by `web-push`, then POSTed to the push service. The VAPID
 * details go with each call (`vapidDetails`), never into web-push's process-wide setting, so
 * that two stores in one process (tests, or a key rotation) cannot mix keys.
 *
 * web-push's `sendNotification` speaks HTTPS only and cannot be aborted; we take the request it
 * would make (`generateRequestDetails`: same encryption, headers and JWT) and send it with
 * `fetch`, bounded by a time-out and the worker's stop signal. Push endpoints are HTTPS; plain
 * HTTP is accepted for loopback addresses only, where the tests' receiver listens.
 */
import webpush from 'web-push';
import { encodePushPayload, type PushPayload } from '../../shared/push-payload';
import { classifyResponse, type PushOutcome } from './push-outcome';

export interface VapidDetails {
  /** `mailto:` or `https:` — who the push service can contact about our pushes. */
  subject: string;
  publicKey: string;
  privateKey: string;
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface SendOptions {
  /** How long the push service may keep the push for an offline phone: the seconds it still means something. */
  ttlSeconds: number;
  signal?: AbortSignal;
}

export interface PushSender {
  send(target: PushTarget, payload: PushPayload, options: SendOptions): Promise<PushOutcome>;
}

export interface PushSenderOptions {
  vapid: VapidDetails;
  /** How long to wait for the push service's answer (default 10 s). */
  timeoutMs?: number;
  now?: () => Date;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Why this endpoint is refused, or null: https anywhere, http on this machine only. */
export function endpointProblem(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'endpoint is not a URL';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'endpoint is not an https: URL';
}

/** The push service's host, for logs: the full endpoint is a capability to push to the phone. */
export function pushServiceOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return 'unknown';
  }
}

export function createPushSender({ vapid, timeoutMs = 10_000, now = () => new Date() }: PushSenderOptions): PushSender {
  return {
    async send(target, payload, { ttlSeconds, signal }) {
      const problem = endpointProblem(target.endpoint);
      if (problem) return { kind: 'drop', status: null, reason: problem };
      let request: webpush.RequestDetails;
      try {
        request = webpush.generateRequestDetails(
          { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
          encodePushPayload(payload),
          { vapidDetails: vapid, TTL: Math.max(0, Math.floor(ttlSeconds)), urgency: 'high', contentEncoding: 'aes128gcm' },
        );
      } catch (error) {
        // Keys the browser gave us that do not make a P-256 point: no attempt will ever work.
        return { kind: 'drop', status: null, reason: `cannot encrypt for this subscription: ${(error as Error).message}` };
      }
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const response = await fetch(request.endpoint, {
          method: request.method,
          headers: request.headers as Record<string, string>,
          body: request.body,
          redirect: 'error',
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        // The body says nothing we act on; read it so the connection can be reused.
        await response.arrayBuffer().catch(() => undefined);
        return classifyResponse(response.status, response.headers.get('retry-after'), now());
      } catch (error) {
        const reason = timeout.aborted ? `no answer within ${timeoutMs} ms` : `network error: ${(error as Error).name}`;
        return { kind: 'retry', status: null, reason, retryAfterMs: null };
      }
    },
  };
}

/**
 * The push worker's sender: signs with the VAPID keys every instance shares, loaded when there
 * is first something to send (`loadKeys` remembers them; a failed load is tried again next time).
 */
export function vapidPushSender(
  subject: string,
  loadKeys: () => Promise<{ publicKey: string; privateKey: string }>,
  options: Omit<PushSenderOptions, 'vapid'> = {},
): () => Promise<PushSender> {
  return async () => createPushSender({ ...options, vapid: { subject, ...(await loadKeys()) } });
}
