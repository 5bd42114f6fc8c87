/**
 * The server is stopping: what long-lived responses (event streams) listen to, so that they end
 * at once rather than hold `server.close()` open until the shutdown deadline. Each browser then
 * reconnects to another instance (or to this one once restarted) and reads the outcome there.
 * A set of callbacks rather than an AbortSignal: ten thousand listeners on one signal would be
 * reported as a leak (MaxListenersExceededWarning).
 */
export interface Stopping {
  readonly stopped: boolean;
  /** Calls `listener` when the server stops (at once if it has); returns the removal. */
  onStop(listener: () => void): () => void;
  /** Tells every listener, once; calling it again does nothing. */
  stop(): void;
}

export function createStopping(): Stopping {
  const listeners = new Set<() => void>();
  let stopped = false;
  return {
    get stopped() {
      return stopped;
    },
    onStop(listener) {
      if (stopped) {
        listener();
        return () => {};
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const listener of [...listeners]) listener();
      listeners.clear();
    },
  };
}
