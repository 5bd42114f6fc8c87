/**
 * Events: a write publishes on a channel, and every subscriber — in this process or, on
 * PostgreSQL, in any instance on the same database — hears of it once the write has committed;
 * never if it rolled back. An event only wakes a waiter: state lives in the database, and the
 * payload is a small JSON value naming what changed (an approval's id, say), not the change.
 *
 * Two implementations: local-events.ts (SQLite: in process, through an after-commit hook) and
 * postgres-events.ts (`pg_notify` inside the transaction, one LISTEN connection per store).
 */
import type { Writer } from '../db/store';

export type EventHandler = (payload: unknown) => void;

export interface SubscribeOptions {
  /**
   * Called when events may have been missed (the LISTEN connection was lost and is back): a
   * waiter re-reads the database instead of waiting for an event that will not come.
   */
  onGap?: () => void;
}

/** Stops delivery to this subscriber at once; calling it again does nothing. */
export type Unsubscribe = () => void;

export interface Events {
  /** Publishes `payload` on `channel` when `w` commits. Throws, failing the write, when invalid. */
  publish(w: Writer, channel: string, payload: unknown): Promise<void>;
  /** Resolves once listening: events committed from then on reach `handler`, in commit order. */
  subscribe(channel: string, handler: EventHandler, options?: SubscribeOptions): Promise<Unsubscribe>;
  /** Stops every subscription of this store. */
  close(): Promise<void>;
}

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; the same bound holds on SQLite. */
export const MAX_PAYLOAD_BYTES = 7999;

const CHANNEL = /^[a-z][a-z0-9_]{0,62}$/;

export class EventError extends Error {
  override name = 'EventError';
}

export function checkChannel(channel: string): string {
  // Lower case, digits and _ only: a PostgreSQL identifier that needs no quoting, under 64 bytes.
  if (!CHANNEL.test(channel)) throw new EventError(`invalid event channel ${JSON.stringify(channel)}`);
  return channel;
}

/** The payload as it travels: JSON text under the size limit. */
export function encodePayload(payload: unknown): string {
  const text = JSON.stringify(payload);
  if (text === undefined) throw new EventError('an event payload must be a JSON value');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new EventError(`event payload of ${bytes} bytes is over ${MAX_PAYLOAD_BYTES}: publish an id, and keep the state in the database`);
  }
  return text;
}

export type ErrorReporter = (error: unknown, context: Record<string, unknown>) => void;

/** A handler that throws, or whose promise rejects, is reported and does not stop the others. */
export function guarded(channel: string, handler: EventHandler, report: ErrorReporter): (text: string) => void {
  return (text) => {
    try {
      // Each handler gets its own copy, parsed from the text as it travelled.
      const result = handler(JSON.parse(text)) as unknown;
      if (result instanceof Promise) result.catch((error: unknown) => report(error, { channel }));
    } catch (error) {
      report(error, { channel });
    }
  };
}
