/**
 * A process run by workers.test.ts: Sésame's HTTP server, store and shutdown, with one test
 * worker whose items each take ITEM_MS and write "start N" / "finish N" lines to LOG_FILE.
 * `STUCK=1` makes an item that never finishes, to check the deadline.
 */
import { appendFileSync } from 'node:fs';
import { createApp } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { openSqliteStore } from '../../../server/db/open-sqlite';
import { createHttpServer, listen } from '../../../server/http/node-server';
import { createLogger } from '../../../server/logger';
import { createServices } from '../../../server/services';
import { stopOnSignals } from '../../../server/shutdown';
import { createWorker } from '../../../server/workers/worker';

const logFile = process.env.LOG_FILE ?? '';
const itemMs = Number(process.env.ITEM_MS ?? 800);
const stuck = process.env.STUCK === '1';
const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', SESAME_SHUTDOWN_SECONDS: process.env.SHUTDOWN_SECONDS ?? '10' });
const log = createLogger('silent');
const store = await openSqliteStore(process.env.DB_FILE ?? '', { log });
const app = createApp(createServices(config, store, log), { clientRoot: '/nonexistent' });
const server = createHttpServer(app.fetch, config.http);
await listen(server, 0, '127.0.0.1');

let n = 0;
const worker = createWorker({
  name: 'test-worker',
  log,
  intervalMs: 10,
  async step() {
    n += 1;
    appendFileSync(logFile, `start ${n}\n`);
    await new Promise((resolve) => setTimeout(resolve, stuck ? 3_600_000 : itemMs));
    appendFileSync(logFile, `finish ${n}\n`);
    return 'more';
  },
});
worker.start();
stopOnSignals({ server, workers: [worker], store, log, deadlineMs: config.shutdownMs });
