/**
 * Events across instances on PostgreSQL. `publish` runs `pg_notify` inside the write's
 * transaction: PostgreSQL delivers the notification only if that transaction commits, and
 * delivers notifications in commit order. Each store listens on one dedicated connection (the
 * `postgres` driver's `sql.listen`, which also re-listens when that connection drops).
 *
 * A notification sent while the listen connection is down is lost, so subscribers are told of
 * the gap (`onGap`) and re-read the database. A heartbeat notice on a private channel checks
 * that the connection still hears: when one goes unheard, every channel is listened to afresh
 * (the driver gives up re-listening if the database was unreachable at that moment).
 */
import { randomUUID } from 'node:crypto';
import { sql as drizzleSql, type SQL } from 'drizzle-orm';
import type { ListenMeta, ListenRequest, Sql } from 'postgres';
import type { Writer } from '../db/store';
import {
  checkChannel,
  encodePayload,
  guarded,
  type ErrorReporter,
  type EventHandler,
  type Events,
  type SubscribeOptions,
  type Unsubscribe,
} from './events';

const HEARTBEAT_CHANNEL = 'sesame_events_heartbeat';

interface Subscriber {
  delivery: (text: string) => void;
  onGap: (() => void) | undefined;
}

interface Channel {
  subscribers: Set<Subscriber>;
  request: ListenRequest;
  heard: boolean;
}

/** What a PostgreSQL transaction offers that the SQLite-typed writer does not show. */
interface PgTransaction {
  execute(query: SQL): Promise<unknown>;
}

export function openPostgresEvents(sql: Sql, report: ErrorReporter, options: { heartbeatMs?: number } = {}): Events {
  const channels = new Map<string, Channel>();
  let closed = false;

  const gap = (channel: Channel) => {
    for (const subscriber of [...channel.subscribers]) {
      try {
        subscriber.onGap?.();
      } catch (error) {
        report(error, { channel: 'gap' });
      }
    }
  };

  const listen = (name: string, channel: Channel): ListenRequest =>
    sql.listen(
      name,
      (text) => {
        for (const subscriber of [...channel.subscribers]) subscriber.delivery(text);
      },
      // Called on every (re)connection of the listen connection: after the first, events may be lost.
      () => {
        if (channel.heard) gap(channel);
        channel.heard = true;
      },
    );

  const open = (name: string): Channel => {
    const existing = channels.get(name);
    if (existing) return existing;
    const channel: Channel = { subscribers: new Set(), request: Promise.resolve(undefined as unknown as ListenMeta), heard: false };
    channel.request = listen(name, channel);
    // Subscribers await this themselves; the catch only keeps a failure from going unhandled.
    channel.request.catch((error: unknown) => report(error, { channel: name }));
    channels.set(name, channel);
    return channel;
  };

  const drop = (name: string, channel: Channel) => {
    if (channel.subscribers.size > 0 || channels.get(name) !== channel) return;
    channels.delete(name);
    channel.request.then((r) => r.unlisten()).catch(() => undefined);
  };

  let relistening = false;
  const relistenAll = async () => {
    if (relistening) return;
    relistening = true;
    for (const [name, channel] of channels) {
      await channel.request.then((r) => r.unlisten()).catch(() => undefined);
      // Told of the gap once, below, rather than by this listen's callback as well.
      channel.heard = false;
      channel.request = listen(name, channel);
      await channel.request.catch((error: unknown) => report(error, { channel: name }));
      gap(channel);
    }
    relistening = false;
  };

  // The heartbeat: a notice this store sends itself through the pool, to be heard on the listen
  // connection. Started with the first subscription, so that a store nobody listens on holds no
  // listen connection.
  let expected: string | null = null;
  let beat: NodeJS.Timeout | undefined;
  const startHeartbeat = () => {
    if (beat) return;
    const heartbeat = open(HEARTBEAT_CHANNEL);
    heartbeat.subscribers.add({ delivery: (text) => text === expected && (expected = null), onGap: undefined });
    beat = setInterval(() => {
      if (closed) return;
      const unheard = expected !== null;
      expected = randomUUID();
      const token = expected;
      if (unheard) void relistenAll();
      sql`SELECT pg_notify(${HEARTBEAT_CHANNEL}, ${token})`.catch(() => undefined);
    }, options.heartbeatMs ?? 15_000);
    beat.unref();
  };

  return {
    async publish(w: Writer, channel: string, payload: unknown) {
      checkChannel(channel);
      const text = encodePayload(payload);
      await (w.db as unknown as PgTransaction).execute(drizzleSql`SELECT pg_notify(${channel}, ${text})`);
    },
    async subscribe(name: string, handler: EventHandler, options: SubscribeOptions = {}): Promise<Unsubscribe> {
      checkChannel(name);
      if (closed) throw new Error('events are closed');
      startHeartbeat();
      const channel = open(name);
      const subscriber: Subscriber = { delivery: guarded(name, handler, report), onGap: options.onGap };
      channel.subscribers.add(subscriber);
      try {
        await channel.request;
      } catch (error) {
        channel.subscribers.delete(subscriber);
        drop(name, channel);
        throw error;
      }
      return () => {
        channel.subscribers.delete(subscriber);
        drop(name, channel);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      if (beat) clearInterval(beat);
      const requests = [...channels.values()].map((c) => c.request);
      channels.clear();
      await Promise.all(requests.map((r) => r.then((l) => l.unlisten()).catch(() => undefined)));
    },
  };
}
