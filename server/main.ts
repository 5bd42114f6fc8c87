/**
 * Starts Sésame: configuration, a check that the port is free, database (migrated), demo
 * directory when asked, HTTP server, then the background workers; and stops it cleanly on
 * SIGTERM or SIGINT (shutdown.ts).
 */
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { openStore } from './db/open-store';
import { demoDirectoryTable, seedDemoDirectory } from './directory/demo-directory';
import { checkPortFree, createHttpServer, listen, PortInUseError } from './http/node-server';
import { hasBuiltClient } from './http/static-client';
import { createLogger } from './logger';
import { loadCommonPasswords } from './password/common-passwords';
import { createServices } from './services';
import { stopOnSignals } from './shutdown';
import { vapidPushSender } from './push/push-sender';
import { loadVapidKeys } from './push/vapid-keys';
import { createPushWorker } from './workers/push-worker';
import { createSyncWorker } from './workers/sync-worker';
import { createSweeper } from './workers/sweeper';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Sésame cannot start: configuration error in ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const log = createLogger(config.logLevel);
  // Before the database and the demo table: a taken port should be the only thing said.
  await checkPortFree(config.port, config.host);
  const store = await openStore(config, log);
  log.info({ database: store.dialect }, 'database ready');
  if (config.demo && config.directory.kind !== 'built-in') {
    // The demo's employees have passwords in the built-in directory: with another, employees come from it.
    log.info('SESAME_DEMO: no demo employees are created, the primary directory is SESAME_DIRECTORY=ldap');
  } else if (config.demo && (await seedDemoDirectory(store))) {
    process.stdout.write(`\nDemo directory created (SESAME_DEMO is on):\n${demoDirectoryTable()}\n\n`);
  }
  if (!hasBuiltClient(config.clientDir)) {
    log.warn({ clientDir: config.clientDir }, 'the built app is missing: run `npm run build` to serve it (the API works without it)');
  }

  const services = createServices(config, store, log);
  const keyMismatch = await services.audit.keyMismatch();
  if (keyMismatch) log.error({ keyId: services.keys.keyId }, keyMismatch);
  // Read the common-password list now rather than on the first new password someone types.
  loadCommonPasswords(config.password).catch((error: unknown) => log.warn({ err: error }, 'common-password list not loaded'));
  const app = createApp(services, { clientRoot: config.clientDir });
  const server = createHttpServer(app.fetch, config.http);
  const port = await listen(server, config.port, config.host);
  const workers = [
    createSweeper(services, log),
    createSyncWorker({ store, log, now: services.now, keys: services.keys, targets: services.targets }),
    createPushWorker({ store, log, now: services.now, sender: vapidPushSender(config.push.vapidSubject, () => loadVapidKeys(services)) }),
  ];
  stopOnSignals({
    server,
    workers,
    store,
    log,
    deadlineMs: config.shutdownMs,
    stopping: services.stopping,
    // A last checkpoint, so that the chain's end at shutdown is anchored too.
    beforeStoreClose: () => services.audit.stop(),
  });
  for (const worker of workers) worker.start();
  log.info({ port, origin: config.origin }, 'Sésame is listening');
  process.stdout.write(`Sésame is ready at ${config.origin}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) {
    process.stderr.write(`Sésame cannot start: ${error.message}\n`);
    process.exit(98);
  }
  process.stderr.write(`Sésame cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
