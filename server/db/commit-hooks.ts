/**
 * Work a write registers to run once its transaction has committed (`w.afterCommit(…)`): waking
 * a waiter, publishing an in-process event. The store runs the hooks of a write only when that
 * write committed, and never when it rolled back; a hook that throws is reported, and does not
 * undo or fail the write, which has already committed.
 */
export type CommitHook = () => void | Promise<void>;

export type HookErrorReporter = (error: unknown) => void;

export class CommitHooks {
  #hooks: CommitHook[] = [];
  #open = true;

  add(hook: CommitHook): void {
    // A hook registered after its write ended would silently never run: refuse it loudly.
    if (!this.#open) throw new Error('afterCommit() called after the write ended');
    this.#hooks.push(hook);
  }

  /** The write rolled back: its hooks are dropped. */
  discard(): void {
    this.#open = false;
    this.#hooks = [];
  }

  /** The write committed: each hook is started in the order registered; none is awaited. */
  run(report: HookErrorReporter): void {
    this.#open = false;
    const hooks = this.#hooks;
    this.#hooks = [];
    for (const hook of hooks) {
      try {
        const result = hook();
        if (result instanceof Promise) result.catch(report);
      } catch (error) {
        report(error);
      }
    }
  }
}
