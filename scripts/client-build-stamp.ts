/**
 * Whether the built app (dist/client) was built from the sources as they are now. The stamp is
 * a SHA-256 of every input's path and content, written beside dist/client after a successful
 * build. A content hash rather than mtimes: a checkout, a `touch` or regenerated files that came
 * out the same do not force a 16-second rebuild, and an edit always does, whatever the clocks say.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads. client/locales is left out: lit-localize writes it from the XLIFF files. */
const INPUTS = [
  'client',
  'shared',
  'public',
  'scripts/precompress-client.ts',
  'vite.config.ts',
  'lit-localize.json',
  'tsconfig.json',
  'package-lock.json',
];
const GENERATED = new Set(['client/locales']);

export const stampFile = (root: string) => join(root, 'dist', 'client-build.sha256');

function files(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full) || GENERATED.has(path)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(root, `${path}/${name}`));
}

export function sourceHash(root: string): string {
  const hash = createHash('sha256');
  for (const path of INPUTS.flatMap((input) => files(root, input))) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(root, path)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function isBuildCurrent(root: string): boolean {
  const stamp = stampFile(root);
  if (!existsSync(join(root, 'dist', 'client', 'index.html')) || !existsSync(stamp)) return false;
  return readFileSync(stamp, 'utf8').trim() === sourceHash(root);
}

export function writeStamp(root: string, hash: string): void {
  writeFileSync(stampFile(root), `${hash}\n`);
}
