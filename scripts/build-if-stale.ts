/**
 * `npm start`'s first step: builds the app only when dist/client is missing or was built from
 * other sources (client-build-stamp.ts); otherwise only bundles the server again (a second).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildServer } from './build-server';
import { isBuildCurrent, sourceHash, writeStamp } from './client-build-stamp';

const root = fileURLToPath(new URL('..', import.meta.url));

if (isBuildCurrent(root)) {
  process.stdout.write('The built app is up to date with its sources: not rebuilding.\n');
  // The server's bundle takes a second: made again every time, so a server edit is never missed.
  await buildServer();
} else {
  // Hashed before building: an edit made during the build makes the next start build again.
  const hash = sourceHash(root);
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeStamp(root, hash);
}
