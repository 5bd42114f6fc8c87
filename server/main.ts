/**
 * Starts Sésame: configuration, database (migrated), demo directory when asked, HTTP server.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { openStore } from './db/open-store';
import { demoDirectoryTable, seedDemoDirectory } from './directory/demo-directory';
import { hasBuiltClient } from './http/static-client';
import { createLogger } from './logger';
import { loadCommonPasswords } from './password/common-passwords';
import { createServices } from './services';

const PURGE_INTERVAL_MS = 10 * 60_000;

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
  const store = await openStore(config);
  log.info({ database: store.dialect }, 'database ready');
  if (config.demo && (await seedDemoDirectory(store))) {
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
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log.info({ port: info.port, origin: config.origin }, 'Sésame is listening');
    process.stdout.write(`Sésame is ready at ${config.origin}\n`);
  });

  const purge = setInterval(() => {
    services.sessions.purgeExpired().catch((error: unknown) => log.warn({ err: error }, 'session purge failed'));
    services.questionSignIn.purgeExpired().catch((error: unknown) => log.warn({ err: error }, 'question attempt purge failed'));
  }, PURGE_INTERVAL_MS);
  purge.unref();

  const stop = (signal: string) => {
    log.info({ signal }, 'stopping');
    clearInterval(purge);
    server.close(() => {
      // A last checkpoint, so that the chain's end at shutdown is anchored too.
      void services.audit
        .stop()
        .finally(() => store.close())
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Sésame cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
