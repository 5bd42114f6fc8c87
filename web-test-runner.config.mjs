// Component tests: Lit components and views rendered in Debian's Chromium by @web/test-runner.
// Run with `npm run test:client` (French translations must exist: `npm run i18n:build`).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter, summaryReporter } from '@web/test-runner';

/** Ends the run with one line: "Component tests: N passed, M failed, K skipped (F files)". */
function totalsReporter() {
  const count = (results, totals) => {
    for (const test of results?.tests ?? []) {
      if (test.skipped) totals.skipped += 1;
      else if (test.passed) totals.passed += 1;
      else totals.failed += 1;
    }
    for (const suite of results?.suites ?? []) count(suite, totals);
  };
  return {
    // `stop` runs once, after the last file, just before the runner's own final progress line.
    stop({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      let brokenFiles = 0;
      for (const session of sessions) {
        count(session.testResults, totals);
        if (!session.passed && (session.errors?.length ?? 0) > 0) brokenFiles += 1;
      }
      const files = new Set(sessions.map((s) => s.testFile)).size;
      const broken = brokenFiles > 0 ? `, ${brokenFiles} file(s) failed to run` : '';
      const ok = totals.failed === 0 && brokenFiles === 0 && sessions.every((s) => s.passed);
      console.log(
        `\nComponent tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped ` +
          `(${files} files${broken}) — ${ok ? 'OK' : 'FAILED'}`,
      );
    },
  };
}

const rootDir = path.dirname(fileURLToPath(import.meta.url));
/** Debian's Chromium and this machine's flags, shared by every browser layer. */
const chromiumConfig = JSON.parse(readFileSync(path.join(rootDir, 'test/chromium.json'), 'utf8'));
const PWA_REGISTER_STUB = '/__stubs__/virtual-pwa-register.js';

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The client is written for Vite (`moduleResolution: "bundler"`): relative imports without an
 * extension (`'../components/error-summary'`) and `.js` specifiers naming `.ts` files
 * (`'../locales/fr.js'`). The dev server serves files as they are named, so map those to the
 * TypeScript file on disk, and serve a stub for vite-plugin-pwa's virtual module.
 */
function viteLikeResolution() {
  return {
    name: 'sesame-vite-like-resolution',
    resolveImport({ source, context }) {
      if (source === 'virtual:pwa-register') return PWA_REGISTER_STUB;
      if (!source.startsWith('./') && !source.startsWith('../')) return undefined;
      const importer = path.join(rootDir, decodeURIComponent(context.path));
      const target = path.resolve(path.dirname(importer), source);
      if (isFile(target)) return undefined;
      const candidates = source.endsWith('.js')
        ? [[source.slice(0, -3) + '.ts', target.slice(0, -3) + '.ts']]
        : [
            [source + '.ts', target + '.ts'],
            [source + '.js', target + '.js'],
            [source + '/index.ts', path.join(target, 'index.ts')],
          ];
      const found = candidates.find(([, file]) => existsSync(file));
      return found?.[0];
    },
    serve(context) {
      if (context.path === PWA_REGISTER_STUB) {
        // No service worker in component tests: registration is a no-op, updates never come.
        return {
          type: 'js',
          body: 'export function registerSW() { return async () => {}; }\n',
        };
      }
      return undefined;
    },
  };
}

/**
 * Testing Library and its dependencies (aria-query, pretty-format, lz-string) are partly
 * CommonJS, which the dev server cannot serve to a browser as they are. Bundle them once per
 * run into ES modules — one build with shared chunks, so that the configuration
 * shadow-dom-testing-library applies to @testing-library/dom is the one the tests use — and
 * serve the result from memory.
 */
function bundledTestingLibrary() {
  const PREFIX = '/__testing-library__/';
  const entries = {
    '@testing-library/dom': 'testing-library-dom',
    'shadow-dom-testing-library': 'shadow-dom-testing-library',
    'dom-accessibility-api': 'dom-accessibility-api',
  };
  let files;
  const bundle = async () => {
    const outdir = path.join(rootDir, PREFIX);
    const result = await build({
      absWorkingDir: rootDir,
      entryPoints: Object.fromEntries(Object.entries(entries).map(([specifier, name]) => [name, specifier])),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir,
      write: false,
      logLevel: 'error',
    });
    return new Map(result.outputFiles.map((file) => [PREFIX + path.relative(outdir, file.path), file.text]));
  };
  return {
    name: 'sesame-bundled-testing-library',
    resolveImport({ source, context }) {
      if (source in entries) return `${PREFIX}${entries[source]}.js`;
      // The bundle's own imports of its shared chunks.
      if (context.path.startsWith(PREFIX) && source.startsWith('./')) return PREFIX + source.slice(2);
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      files ??= bundle();
      const body = (await files).get(context.path);
      return body === undefined ? undefined : { type: 'js', body };
    },
  };
}

export default {
  rootDir,
  files: ['test/client/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: {
    config: { ui: 'bdd', timeout: 5_000 },
  },
  // The page around each test is the app's page: English, with the global stylesheet (design
  // tokens such as --error and --space), so that components look and measure as in the app.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="stylesheet" href="/client/styles/global.css" />
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: chromiumConfig,
    }),
  ],
  plugins: [
    bundledTestingLibrary(),
    viteLikeResolution(),
    // Compiles TypeScript with the client's tsconfig: experimentalDecorators and
    // useDefineForClassFields: false, as Lit's legacy decorators need.
    esbuildPlugin({ ts: true, tsconfig: path.join(rootDir, 'client/tsconfig.json'), target: 'auto' }),
  ],
  // Lit announces its development build once per test file; that is noise here.
  filterBrowserLogs: ({ args }) => !args.some((arg) => typeof arg === 'string' && arg.includes('Lit is in dev mode')),
  // The default reporter shows progress, failures and browser logs; the summary reporter lists
  // every test by name; the last line counts them.
  reporters: [defaultReporter(), summaryReporter({ flatten: false, reportTestErrors: false, reportTestLogs: false }), totalsReporter()],
};
