/**
 * `npm run build`'s server half: server/main.ts bundled by esbuild into dist/server/main.mjs,
 * which `npm run serve` runs on plain Node. Running the TypeScript through tsx in production cost
 * about 45 MB of memory per instance (its compiler service and loader hooks) and a slower start.
 *
 * npm packages stay outside the bundle (native ones must), read from node_modules as before. The
 * bundle sits two folders below the project like server/http/ and server/db/ do, so the paths the
 * server finds from its own place still hold: dist/client, and the migrations, copied beside it.
 * Not minified: a stack trace in the log names the real functions.
 */
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/server`;

export async function buildServer(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: [`${root}server/main.ts`],
    outfile: `${out}/main.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Lit-free server code, but TypeScript's decorators setting is read from the project's tsconfig.
    tsconfig: `${root}tsconfig.json`,
    logLevel: 'warning',
  });
  cpSync(`${root}server/db/migrations`, `${out}/migrations`, { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
