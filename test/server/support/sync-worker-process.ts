/**
 * A process run by sync-faults.test.ts: one Sésame instance's synchronisation side — the store
 * opened as the server opens it (DATABASE_URL, or the SQLite file in SESAME_DATA_DIR), the key
 * service from SESAME_SECRET_KEY, the targets of SESAME_TARGETS_FILE with their real connectors,
 * and the real sync worker. Only the built-in targets' `setPassword` is watched, so that the test
 * can see what reached each target across processes that die:
 *
 * - each password the target took appends `set <target>/<account> <pid>` to RECORD_FILE (one
 *   append per write, O_APPEND: lines of concurrent processes never mix);
 * - `HOLD_AT=N`: the Nth call (in this process) appends `holding <target>/<account> <pid>` and
 *   never returns — a target system that hangs mid-change, before it took the password — so
 *   the test can SIGKILL the process with that job claimed.
 *
 * LEASE_MS and INTERVAL_MS are the worker's lease and idle interval. Prints "ready" once started;
 * SIGTERM stops the worker (the job under way finishes) and closes the store.
 */
import { appendFileSync } from 'node:fs';
import { loadConfig } from '../../../server/config';
import type { Connector } from '../../../server/connectors/connector';
import { createTargetRegistry, type TargetRegistry } from '../../../server/connectors/target-registry';
import { openStore } from '../../../server/db/open-store';
import { openKeyService } from '../../../server/keys/open-key-service';
import { createLogger } from '../../../server/logger';
import { createSyncWorker } from '../../../server/workers/sync-worker';

const recordFile = process.env.RECORD_FILE ?? '';
const holdAt = Number(process.env.HOLD_AT ?? 0);
const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
const log = createLogger(config.logLevel);
const store = await openStore(config, log);
const keys = openKeyService(config, { create: false });

let calls = 0;
function watched(targetId: string, connector: Connector): Connector {
  return {
    ...connector,
    async setPassword(account, password) {
      calls += 1;
      if (calls === holdAt) {
        appendFileSync(recordFile, `holding ${targetId}/${account} ${process.pid}\n`);
        return new Promise(() => undefined);
      }
      const outcome = await connector.setPassword(account, password);
      if (outcome.ok) appendFileSync(recordFile, `set ${targetId}/${account} ${process.pid}\n`);
      return outcome;
    },
  };
}

const registry = createTargetRegistry(config.targets, store, () => new Date());
const targets: TargetRegistry = (() => {
  const list = registry.list().map((t) => ({ ...t, connector: watched(t.id, t.connector) }));
  const byId = new Map(list.map((t) => [t.id, t]));
  return { list: () => list, get: (id) => byId.get(id) };
})();

const worker = createSyncWorker({
  store,
  log,
  now: () => new Date(),
  keys,
  targets,
  leaseMs: Number(process.env.LEASE_MS ?? 60_000),
  intervalMs: Number(process.env.INTERVAL_MS ?? 30_000),
});
worker.start();
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
