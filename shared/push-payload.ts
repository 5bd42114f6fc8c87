/**
 * What a Web Push carries to the phone: a kind and, for a sign-in request, its opaque id —
 * never a name, a number to match, an address or anything else about the sign-in. The push
 * service and anyone reading the phone's lock screen learn only that something happened; the
 * approval screen fetches the rest over the device's own credential.
 *
 * The service worker parses with `parsePushPayload` (no zod there: it would triple the worker's
 * size), the server builds with the same types.
 */
export type PushPayload = { type: 'sign-in-request'; requestId: string } | { type: 'device-added' };

export type PushPayloadType = PushPayload['type'];

/** Request ids are URL-safe tokens: they go into `/approve/<id>` and the notification's tag. */
export const PUSH_REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** A web push payload of up to 4 KB is allowed; ours stay far below, so anything big is wrong. */
export const MAX_PUSH_PAYLOAD_BYTES = 512;

/** The payload if `value` is one of ours, exactly; otherwise null (the caller logs and ignores it). */
export function parsePushPayload(value: unknown): PushPayload | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  if (record.type === 'sign-in-request' && keys === 'requestId,type') {
    return typeof record.requestId === 'string' && PUSH_REQUEST_ID.test(record.requestId)
      ? { type: 'sign-in-request', requestId: record.requestId }
      : null;
  }
  if (record.type === 'device-added' && keys === 'type') return { type: 'device-added' };
  return null;
}

/** The payload's text as sent: JSON, checked against the parser so the phone cannot refuse it. */
export function encodePushPayload(payload: PushPayload): string {
  const text = JSON.stringify(payload);
  if (parsePushPayload(JSON.parse(text)) === null) throw new Error(`not a valid push payload: ${payload.type}`);
  return text;
}
