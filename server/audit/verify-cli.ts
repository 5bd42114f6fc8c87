/**
 * `npm run audit:verify`: checks the audit chain of the database the server is configured for
 * (DATABASE_URL, or the SQLite file in SESAME_DATA_DIR). Exit code 0 when intact, 1 when broken.
 */
import { ConfigError, loadConfig } from '../config';
import { openStore } from '../db/open-store';
import { verifyAuditTrail } from './verify-audit-trail';

try {
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const report = await verifyAuditTrail(store);
    if (report.ok) {
      process.stdout.write(`Audit trail intact: ${report.events} events, every link verified.\n`);
    } else {
      process.stdout.write(`Audit trail BROKEN at event #${report.seq}: ${report.problem}.\n${report.events} events before it verified.\n`);
      process.exitCode = 1;
    }
  } finally {
    await store.close();
  }
} catch (error) {
  const message = error instanceof ConfigError ? `configuration error in ${error.message}` : (error as Error).message;
  process.stderr.write(`audit:verify cannot run: ${message}\n`);
  process.exitCode = 2;
}
