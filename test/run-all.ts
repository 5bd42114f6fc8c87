/**
 * `npm test`: every layer a change can break, in order, each with its own summary, then one
 * table and a closing "N passed, N failed" line. A failing layer does not stop the others,
 * so that one run shows everything that is wrong; the exit code is non-zero if any failed.
 */
import { counts, run, testFiles, type LayerResult } from './support-run';

const bin = (name: string) => `node_modules/.bin/${name}`;
const nodeTest = (dir: string, concurrency: number) => [
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  `--test-concurrency=${concurrency}`,
  ...testFiles(dir),
];

const layers: Array<{ name: string; command: string; args: string[]; countsTests: boolean }> = [
  { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'], countsTests: false },
  { name: 'lint (ESLint, Prettier)', command: 'npm', args: ['run', '--silent', 'lint'], countsTests: false },
  { name: 'translations', command: bin('tsx'), args: ['test/check-translations.ts'], countsTests: true },
  { name: 'server (SQLite)', command: bin('tsx'), args: ['test/run-server-suite.ts', 'sqlite'], countsTests: true },
  { name: 'server (PostgreSQL)', command: bin('tsx'), args: ['test/run-server-suite.ts', 'postgres'], countsTests: true },
  // One file at a time: Samba's domain controller listens on fixed ports (389, 636).
  { name: 'directories (slapd, Samba AD)', command: process.execPath, args: nodeTest('test/directories', 1), countsTests: true },
  { name: 'build', command: 'npm', args: ['run', '--silent', 'build'], countsTests: false },
  { name: 'components (Chromium)', command: bin('web-test-runner'), args: [], countsTests: true },
  { name: 'end to end (Chromium)', command: process.execPath, args: nodeTest('test/e2e', 1), countsTests: true },
];

const results: LayerResult[] = [];
for (const layer of layers) {
  process.stdout.write(`\n━━ ${layer.name} ━━\n`);
  const started = performance.now();
  const { code, output } = await run(layer.command, layer.args);
  const seconds = (performance.now() - started) / 1000;
  const found = layer.countsTests ? counts(output) : { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
  const ok = code === 0 && found.failed === 0;
  // A runner that exits non-zero without a failed count (crash, no tests) still fails the layer.
  results.push({ name: layer.name, ok, ...found, failed: ok ? found.failed : Math.max(1, found.failed), seconds });
}

const pad = (s: string, n: number) => s.padEnd(n);
process.stdout.write('\n━━ summary ━━\n');
for (const r of results) {
  process.stdout.write(
    `${r.ok ? '✔' : '✖'} ${pad(r.name, 30)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped  ${r.seconds.toFixed(1)} s\n`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
