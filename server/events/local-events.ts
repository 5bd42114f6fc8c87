/**
 * Events within one process, for SQLite (whose file belongs to one process). `publish` registers
 * an after-commit hook, so subscribers hear of a write only once it committed, in commit order.
 * Stores opened on the same file in this process share one bus, as instances on one PostgreSQL
 * database share its notifications.
 */
import type { Writer } from '../db/store';
import { checkChannel, encodePayload, guarded, type ErrorReporter, type EventHandler, type Events, type Unsubscribe } from './events';

type Delivery = (text: string) => void;

class LocalBus {
  readonly channels = new Map<string, Set<Delivery>>();
  users = 0;

  emit(channel: string, text: string): void {
    for (const delivery of [...(this.channels.get(channel) ?? [])]) delivery(text);
  }
}

const buses = new Map<string, LocalBus>();

export function openLocalEvents(key: string, report: ErrorReporter): Events {
  const bus = buses.get(key) ?? new LocalBus();
  buses.set(key, bus);
  bus.users += 1;
  const mine = new Set<{ channel: string; delivery: Delivery }>();
  let closed = false;

  const remove = (entry: { channel: string; delivery: Delivery }) => {
    mine.delete(entry);
    const set = bus.channels.get(entry.channel);
    set?.delete(entry.delivery);
    if (set?.size === 0) bus.channels.delete(entry.channel);
  };

  return {
    publish(w: Writer, channel: string, payload: unknown) {
      checkChannel(channel);
      const text = encodePayload(payload);
      w.afterCommit(() => bus.emit(channel, text));
      return Promise.resolve();
    },
    subscribe(channel: string, handler: EventHandler): Promise<Unsubscribe> {
      checkChannel(channel);
      if (closed) return Promise.reject(new Error('events are closed'));
      const entry = { channel, delivery: guarded(channel, handler, report) };
      const set = bus.channels.get(channel) ?? new Set();
      bus.channels.set(channel, set);
      set.add(entry.delivery);
      mine.add(entry);
      return Promise.resolve(() => remove(entry));
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      for (const entry of [...mine]) remove(entry);
      bus.users -= 1;
      if (bus.users === 0) buses.delete(key);
      return Promise.resolve();
    },
  };
}
