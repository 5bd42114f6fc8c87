/**
 * `npm run audit:verify [-- --checkpoints FILE…]`: checks the audit chain of the database the
 * server is configured for (DATABASE_URL, or the SQLite file in SESAME_DATA_DIR) with the key
 * (SESAME_SECRET_KEY, or the data directory's key file), and against the signed checkpoints in
 * the files given — checkpoint files and log files alike, from every instance — or, by default,
 * the data directory's checkpoint file. Exit code 0 when intact, 1 when broken, 2 when it
 * cannot run.
 */
import { ConfigError, loadConfig } from '../config';
import { openStore } from '../db/open-store';
import { openKeyService } from '../keys/open-key-service';
import { defaultCheckpointFiles, readCheckpoints } from './checkpoint';
import { verifyAuditTrail } from './verify-audit-trail';

function checkpointFilesFrom(args: string[]): string[] | null {
  const at = args.indexOf('--checkpoints');
  if (at < 0) return null;
  const files = args.slice(at + 1).filter((arg) => !arg.startsWith('--'));
  if (!files.length) throw new Error('--checkpoints needs at least one file');
  return files;
}

try {
  const config = loadConfig();
  const keys = openKeyService(config, { create: false });
  const files = checkpointFilesFrom(process.argv.slice(2)) ?? defaultCheckpointFiles(config.dataDir);
  const { checkpoints, malformed } = readCheckpoints(files);
  const store = await openStore(config);
  try {
    const report = malformed.length
      ? ({ ok: false, events: 0, seq: 0, problem: `checkpoint line ${malformed[0]} was altered: it does not parse` } as const)
      : await verifyAuditTrail(store, { keys, checkpoints });
    if (report.ok) {
      const unkeyed = report.unkeyedEvents
        ? `\nThe first ${report.unkeyedEvents} events predate the keyed chain: plain SHA-256, which anyone who can write the database could recompute.`
        : '';
      const anchored = checkpoints.length
        ? `${checkpoints.length} signed checkpoints agree (${files.join(', ')}).`
        : 'No checkpoints given: the chain was checked against itself only, which cannot reveal events removed from its end.';
      process.stdout.write(
        `Audit trail intact: ${report.events} events, every link verified with key ${keys.keyId}. ${anchored}${unkeyed}\n`,
      );
    } else {
      const where = report.seq ? ` at event #${report.seq}` : '';
      process.stdout.write(`Audit trail BROKEN${where}: ${report.problem}.\n${report.events} events before it verified.\n`);
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
