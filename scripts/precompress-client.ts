/**
 * The build's last step: writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every text file
 * of dist/client, at the best compression, so that the server sends them as they are
 * (`server/http/static-client.ts`) instead of compressing on every request. Images already
 * compressed (PNG) are left alone; a copy that would not be smaller is not written.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { clientDist } from '../server/http/static-client';
import { PRECOMPRESSED } from '../server/http/static-representation';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function precompress(root: string): { files: number; bytes: number; brotliBytes: number } {
  let files = 0;
  let bytes = 0;
  let brotliBytes = 0;
  for (const path of filesUnder(root).filter((file) => PRECOMPRESSED.test(file))) {
    const content = readFileSync(path);
    const brotli = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    const gzip = gzipSync(content, { level: constants.Z_BEST_COMPRESSION });
    if (brotli.length < content.length) writeFileSync(`${path}.br`, brotli);
    if (gzip.length < content.length) writeFileSync(`${path}.gz`, gzip);
    files++;
    bytes += content.length;
    brotliBytes += Math.min(brotli.length, content.length);
  }
  return { files, bytes, brotliBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files, bytes, brotliBytes } = precompress(clientDist);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  process.stdout.write(`Precompressed ${files} files of dist/client: ${kib(bytes)} → ${kib(brotliBytes)} with Brotli.\n`);
}
