/**
 * SQLite's writer, with group commit. SQLite has one writer at a time and every commit waits
 * for fsync (synchronous=FULL); libsql runs both on the main thread. Writes that arrive while
 * one commits therefore wait, and are then committed together: one transaction, each write in
 * its own savepoint, so that a failing write rolls back alone and the others still commit.
 * Every write resolves only after the commit that holds it, so an acknowledged write is durable.
 *
 * Savepoints cost two statements per write (SAVEPOINT, RELEASE), each prepared and run on the
 * main thread, and a failing write is rare: a group first runs without them, and only when one
 * of its writes throws is it rolled back whole and run again with a savepoint per write. So a
 * write function can run twice (its first run rolled back, its hooks dropped): it must not count
 * on running once — which touching only the database already ensures.
 * Each write's after-commit hooks run once the group's commit succeeded, and only for the writes
 * whose savepoint was released: a write rolled back alone runs none of its hooks.
 *
 * A write function must touch only the database: anything slow inside it (hashing, network)
 * would hold up every write queued behind it.
 */
import { CommitHooks, type HookErrorReporter } from './commit-hooks';

interface Job<C> {
  run: (context: C, hooks: CommitHooks) => Promise<unknown>;
  /** The hooks of the write's latest run: a run rolled back leaves its own behind. */
  hooks: CommitHooks;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface TransactionRunner<C> {
  /** One transaction around `body`: committed when it resolves, rolled back when it throws. */
  transaction(body: (context: C) => Promise<void>): Promise<void>;
  /** A savepoint inside `context`'s transaction. */
  savepoint<T>(context: C, body: (context: C) => Promise<T>): Promise<T>;
}

const MAX_BATCH = 64;

/** Thrown inside a group's transaction to roll it back when one of its writes failed. */
class ReplayWithSavepoints extends Error {}

export class GroupCommit<C> {
  #queue: Array<Job<C>> = [];
  #draining = false;

  constructor(
    private readonly runner: TransactionRunner<C>,
    private readonly reportHookError: HookErrorReporter,
  ) {}

  write<T>(run: (context: C, hooks: CommitHooks) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run, hooks: new CommitHooks(), resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  /** Resolves once every write queued so far has settled. */
  async idle(): Promise<void> {
    while (this.#draining) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        // libsql's calls block the event loop, so requests that want to write can only queue
        // between batches: let pending I/O run first so that they join this one.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = this.#queue.splice(0, MAX_BATCH);
        if (batch.length === 1) {
          await this.#runAlone(batch[0] as Job<C>);
          continue;
        }
        let outcomes: Outcome[];
        try {
          outcomes = (await this.#runTogether(batch)) ?? (await this.#runInSavepoints(batch));
        } catch (error) {
          for (const job of batch) {
            job.hooks.discard();
            job.reject(error);
          }
          continue;
        }
        batch.forEach((job, i) => {
          const outcome = outcomes[i] as Outcome;
          if (outcome.ok) {
            job.hooks.run(this.reportHookError);
            job.resolve(outcome.value);
          } else {
            job.hooks.discard();
            job.reject(outcome.error);
          }
        });
      }
    } finally {
      this.#draining = false;
    }
  }

  /** The group in one transaction without savepoints; null (rolled back) when one write threw. */
  async #runTogether(batch: Array<Job<C>>): Promise<Outcome[] | null> {
    const outcomes: Outcome[] = [];
    try {
      await this.runner.transaction(async (context) => {
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: await job.run(context, job.hooks) });
          } catch {
            throw new ReplayWithSavepoints();
          }
        }
      });
    } catch (error) {
      if (!(error instanceof ReplayWithSavepoints)) throw error;
      for (const job of batch) {
        job.hooks.discard();
        job.hooks = new CommitHooks();
      }
      return null;
    }
    return outcomes;
  }

  /** The group again, each write in its own savepoint, so that the failing one rolls back alone. */
  async #runInSavepoints(batch: Array<Job<C>>): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    await this.runner.transaction(async (context) => {
      for (const job of batch) {
        try {
          outcomes.push({ ok: true, value: await this.runner.savepoint(context, (c) => job.run(c, job.hooks)) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
    return outcomes;
  }

  async #runAlone(job: Job<C>): Promise<void> {
    let value: unknown;
    try {
      await this.runner.transaction(async (context) => {
        value = await job.run(context, job.hooks);
      });
    } catch (error) {
      job.hooks.discard();
      job.reject(error);
      return;
    }
    job.hooks.run(this.reportHookError);
    job.resolve(value);
  }
}
