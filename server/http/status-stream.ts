/**
 * A status followed live as Server-Sent Events: the one loop behind the waiting browser's
 * approval stream and the desktop's enrolment-link stream.
 *
 * The state lives in the database; an event only says "look again". So the stream watches first
 * (a change committed from then on wakes it), then reads, sends a `status` event each time what
 * it read changed, and sleeps until woken (an event, a gap in delivery, the browser leaving, the
 * server stopping) or until the state is due to change by itself (an expiry). A final state ends
 * the stream. In between, a comment every `keepAliveMs` keeps proxies from closing an idle
 * stream; it does not read the database — ten thousand waiting browsers would otherwise be ten
 * thousand reads per heartbeat period for nothing — unless the caller asks for a periodic
 * re-read (`rereadEveryMs`), for a state some change does not announce.
 *
 * When the server stops (`stopping`), every stream ends at once: `server.close()` is not held
 * open by them, and each browser reconnects (`retry`) to another instance, which tells it the
 * outcome from the database. Never behind `compress()`, which would buffer it.
 *
 * The body is a plain ReadableStream the loop enqueues into, not hono's `streamSSE`: that one
 * costs a TransformStream, its writer and a WeakMap entry that keeps the whole request context
 * alive per stream — with ten thousand browsers waiting, the difference is a few hundred MB.
 */
import type { Context } from 'hono';
import type { Stopping } from './stopping';

export interface StatusStreamSource<S> {
  /** Subscribes `wake` to the changes of this status; resolves once listening, with the unsubscribe. */
  watch(wake: () => void): Promise<() => void>;
  /** The status as the database holds it now; null when there is nothing (any more) to follow. */
  read(): Promise<S | null>;
  /** The `data` of the status event. */
  encode(state: S): string;
  /** What tells one status from another (the data itself by default): an event is sent when it changes. */
  key?(state: S): string;
  /** A final status is sent, then the stream ends. */
  isFinal(state: S): boolean;
  /** In how many ms this status changes by itself (expiry), to be read again then; null: never. */
  changesInMs(state: S): number | null;
}

export interface StatusStreamOptions {
  keepAliveMs: number;
  /** How soon an EventSource that lost the stream reconnects. */
  retryMs?: number;
  /** Re-read this often even without a wake; unset: only when woken or due. */
  rereadEveryMs?: number;
  /** The server stopping ends the stream. */
  stopping: Stopping;
  /** A read that failed: the stream ends (the browser reconnects or polls) and the error is told here. */
  onError(error: unknown): void;
}

export function statusStream<S>(c: Context, source: StatusStreamSource<S>, options: StatusStreamOptions): Response {
  const { keepAliveMs, retryMs, rereadEveryMs, stopping, onError } = options;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let left = false;
  let woken = false;
  let wake: () => void = () => {};
  const poke = () => {
    woken = true;
    wake();
  };
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    // The browser left (the node server cancels the body when the connection closes).
    cancel: () => {
      left = true;
      poke();
    },
  });
  const open = () => !left && !stopping.stopped;
  const write = (text: string) => {
    if (open()) controller?.enqueue(encoder.encode(text));
  };

  const follow = async () => {
    const unwatch = await source.watch(poke);
    const unlisten = stopping.onStop(poke);
    try {
      let last: string | null = null;
      let readDue = true;
      let rereadAt = Infinity;
      while (open()) {
        if (readDue) {
          woken = false;
          const state = await source.read();
          if (state === null || !open()) break;
          const key = source.key?.(state) ?? source.encode(state);
          if (key !== last) {
            const retry = last === null && retryMs ? `\nretry: ${retryMs}` : '';
            write(`event: status\ndata: ${source.encode(state)}${retry}\n\n`);
            last = key;
          }
          if (source.isFinal(state)) break;
          const changesIn = source.changesInMs(state);
          // A little after the change, so that the read sees it.
          rereadAt = Math.min(changesIn === null ? Infinity : Date.now() + changesIn + 100, Date.now() + (rereadEveryMs ?? Infinity));
        }
        const waitMs = Math.max(0, Math.min(keepAliveMs, rereadAt - Date.now()));
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), waitMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
          if (woken || !open()) wake();
        });
        wake = () => {};
        readDue = !timedOut || Date.now() >= rereadAt;
        if (!readDue) write(': keep-alive\n\n');
      }
    } finally {
      unlisten();
      unwatch();
    }
  };
  void follow()
    .catch(onError)
    .finally(() => {
      if (!left) controller?.close();
    });

  return c.body(body, 200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    // Written as it comes, not buffered for a Content-Length.
    'Transfer-Encoding': 'chunked',
    // nginx buffers proxied responses unless told not to; an event stream must flow as written.
    'X-Accel-Buffering': 'no',
  });
}

const encoder = new TextEncoder();
