/**
 * End-to-end harness: the real server (a child process on a free port, with a fresh data
 * directory) and Debian's Chromium driven by playwright-core. Each test file starts one server
 * and one browser; each test opens its own context, so cookies, storage and service workers
 * never leak from one test to the next.
 *
 * Functions handed to `page.evaluate` run in the page. This file is type-checked with the
 * server's tsconfig (no DOM library), so they reach the page's globals through the small
 * `InPage` type below; type casts vanish when the function is serialised.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import chromiumConfig from '../chromium.json' with { type: 'json' };
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BUILT_CLIENT = join(ROOT, 'dist', 'client');
const AXE_PATH = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export const DEMO_PASSWORD = 'sesame-demo-2026';
export const HELP_DESK_PHONE = '1-877-411-8585';
export const DEMO = {
  alex: { userId: '100001', employeeId: 'E-200001', name: 'Alex Tremblay' },
  marie: { userId: '100002', employeeId: 'E-200002', name: 'Marie Gagnon' },
  sam: { userId: '900001', employeeId: 'E-290001', name: 'Sam Ouellet' },
} as const;

const READY_LINE = 'Sésame is ready at ';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/* ------------------------------------------------------------------------------------------ */
/* The server                                                                                  */
/* ------------------------------------------------------------------------------------------ */

export interface SesameServer {
  origin: string;
  port: number;
  dataDir: string;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Directory of the built app to serve (default: dist/client). */
  clientDir?: string;
  /** Extra environment variables (SESAME_LOCKOUT_THRESHOLD, …). */
  env?: Record<string, string>;
}

/** A port nobody listens on right now: listen on port 0, read the port, close. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `server/main.ts` with demo users and a fresh data directory; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<SesameServer> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'sesame-e2e-data-'));
  // node --import tsx (rather than npx tsx) so that our signals reach the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      SESAME_DATA_DIR: dataDir,
      SESAME_DEMO: '1',
      SESAME_ORIGIN: origin,
      SESAME_CLIENT_DIR: options.clientDir ?? BUILT_CLIENT,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));

  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server did not print "${READY_LINE}…" within ${READY_TIMEOUT_MS} ms.\nstderr:\n${stderr}\nstdout:\n${stdout}`)),
        READY_TIMEOUT_MS,
      );
      child.stdout?.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited before it was ready (code ${code}, signal ${signal}).\nstderr:\n${stderr}\nstdout:\n${stdout}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    await cleanup();
    throw error;
  }

  return { origin, port, dataDir, stderr: () => stderr, stop: cleanup };
}

/** A copy of the built app in a temporary directory, for tests that redeploy it. */
export async function copyBuiltClient(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sesame-e2e-client-'));
  await cp(BUILT_CLIENT, dir, { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/* ------------------------------------------------------------------------------------------ */
/* The browser                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** Debian's Chromium with this machine's flags (test/chromium.json, shared by every browser layer). */
export const CHROMIUM_ARGS = chromiumConfig.args;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumConfig.executablePath, args: CHROMIUM_ARGS });
}

export interface ContextOptions {
  locale?: 'en-CA' | 'fr-CA';
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export function newContext(browser: Browser, server: SesameServer, options: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: server.origin,
    locale: options.locale ?? 'en-CA',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    serviceWorkers: 'allow',
  });
}

/* ------------------------------------------------------------------------------------------ */
/* Console: the app is expected to write nothing there                                         */
/* ------------------------------------------------------------------------------------------ */

export interface ConsoleWatch {
  /** Messages nobody expected: console errors and warnings, uncaught page errors. */
  readonly problems: string[];
  /** Console errors or warnings that report a Content-Security-Policy violation. */
  readonly cspViolations: string[];
  /** Declares a console line the test expects (e.g. the browser's note on a 401 response). */
  allow(pattern: RegExp): void;
  /** Fails with every unexpected line; CSP violations always fail, whatever was allowed. */
  assertClean(): void;
}

const CSP_PATTERN = /Content Security Policy|Content-Security-Policy|Refused to (?:execute|load|apply|connect|create|frame)/i;

/**
 * Watches every page of a context for console errors and warnings and for uncaught errors.
 * The browser notes failed responses ("Failed to load resource: … status of 401") in the
 * console; a test that expects such a response says so with `allow()`.
 */
export function watchConsole(context: BrowserContext): ConsoleWatch {
  const problems: string[] = [];
  const cspViolations: string[] = [];
  const allowed: RegExp[] = [];
  context.on('console', (message: ConsoleMessage) => {
    const type = message.type();
    if (type !== 'error' && type !== 'warning') return;
    const location = message.location();
    const line = `console.${type}: ${message.text()}${location.url ? ` (${location.url}:${location.lineNumber})` : ''}`;
    if (CSP_PATTERN.test(message.text())) cspViolations.push(line);
    problems.push(line);
  });
  context.on('weberror', (webError) => {
    const error = webError.error();
    problems.push(`page error: ${error.stack ?? error.message}`);
  });
  return {
    problems,
    cspViolations,
    allow(pattern) {
      allowed.push(pattern);
    },
    assertClean() {
      assert.deepEqual(cspViolations, [], 'Content-Security-Policy violations');
      const unexpected = problems.filter((line) => !allowed.some((pattern) => pattern.test(line)));
      assert.deepEqual(unexpected, [], 'unexpected console errors, warnings or page errors');
    },
  };
}

/** The browser's console note for an HTTP error status answered to a fetch. */
export function failedResponseNote(status: number): RegExp {
  return new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b`);
}

/* ------------------------------------------------------------------------------------------ */
/* Accessibility                                                                               */
/* ------------------------------------------------------------------------------------------ */

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.0 and 2.1, A and AA) on the page as it is now and fails with each
 * violation's id and targets.
 */
export async function assertAccessible(page: Page, screen: string): Promise<void> {
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await injectAxe(page);
  const violations = await page.evaluate(async (tags) => {
    const { axe } = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
    };
    const result = await axe.run(
      (globalThis as unknown as { document: unknown }).document,
      { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
    );
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    at ${JSON.stringify(n.target)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`).join('\n'),
  );
  assert.equal(report.length, 0, `axe found accessibility violations on ${screen}:\n${report.join('\n')}`);
}

async function injectAxe(page: Page): Promise<void> {
  // Not `page.addScriptTag({ path })`: that adds an inline <script>, which the page's CSP
  // (script-src 'self', rightly) refuses and reports as a violation. Evaluating the source
  // through DevTools is not subject to the page's CSP and leaves the console clean.
  axeSource ??= await readFile(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading the page                                                                            */
/* ------------------------------------------------------------------------------------------ */

/** The page's globals that the tests read; only the parts used here. */
export interface InPage {
  document: {
    documentElement: { lang: string };
    scrollingElement: { scrollWidth: number; clientWidth: number } | null;
    activeElement: InPageElement | null;
  };
  navigator: {
    onLine: boolean;
    serviceWorker: {
      ready: Promise<{ active: { state: string; scriptURL: string } | null }>;
      controller: { scriptURL: string; state: string; postMessage(message: unknown, transfer: unknown[]): void } | null;
      getRegistration(): Promise<
        | {
            active: { state: string; scriptURL: string } | null;
            waiting: { state: string } | null;
            installing: { state: string } | null;
            update(): Promise<void>;
          }
        | undefined
      >;
    };
  };
  fetch(url: string, init?: unknown): Promise<{ status: number; json(): Promise<unknown> }>;
  MessageChannel: new () => { port1: { onmessage: ((event: { data: unknown }) => void) | null }; port2: unknown };
}

export interface InPageElement {
  tagName: string;
  textContent: string | null;
  shadowRoot: { activeElement: InPageElement | null } | null;
  getAttribute(name: string): string | null;
}

/** The element that has keyboard focus, looking inside shadow roots. */
export async function focusedElement(page: Page): Promise<{ tag: string; text: string } | null> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element ? { tag: element.tagName.toLowerCase(), text: (element.textContent ?? '').trim() } : null;
  });
}

/** What the API says about this browser's session, asked from the page (its cookies). */
export async function sessionFromPage(page: Page): Promise<{ signedIn: boolean }> {
  return page.evaluate(async () => {
    const { fetch } = globalThis as unknown as InPage;
    const response = await fetch('/api/auth/session', { credentials: 'same-origin' });
    return (await response.json()) as { signedIn: boolean };
  });
}

export async function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.lang);
}

/** Replaces U+00A0 and U+202F (French typography before ":", "?", "»") by ordinary spaces. */
export function normaliseSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * What a person perceives of the main area: Playwright's accessibility snapshot (roles, names,
 * text), which goes through shadow roots. Used to compare two screens.
 */
export async function mainSnapshot(page: Page): Promise<string> {
  return normaliseSpaces(await page.getByRole('main').ariaSnapshot());
}

/* ------------------------------------------------------------------------------------------ */
/* Service worker                                                                              */
/* ------------------------------------------------------------------------------------------ */

/** Waits until a service worker is active and controls the page, reloading once if needed. */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await (globalThis as unknown as InPage).navigator.serviceWorker.ready;
  });
  const controlled = () => page.evaluate(() => (globalThis as unknown as InPage).navigator.serviceWorker.controller !== null);
  if (!(await controlled())) {
    await page.reload();
    await page.waitForFunction(() => (globalThis as unknown as InPage).navigator.serviceWorker.controller !== null, undefined, {
      timeout: 10_000,
    });
  }
  assert.ok(await controlled(), 'a service worker controls the page');
}

/* ------------------------------------------------------------------------------------------ */
/* Flows, as a person does them                                                                */
/* ------------------------------------------------------------------------------------------ */

export const EN = {
  signInHeading: 'Self-service password: Sign in',
  userId: 'User ID',
  continue: 'Continue',
  methodsHeading: 'Authentication methods',
  usePassword: 'Use password',
  password: 'Password',
  logIn: 'Log in',
  profileHeading: 'My Profile',
  logOut: 'Log out',
  loggedOut: 'You are logged out.',
  forgot: 'Forgot your password?',
  incorrect: 'The user ID or password is incorrect.',
} as const;

/** French strings; "\s" stands for the no-break space French puts before a colon. */
export const FR = {
  signInHeading: /^Mot de passe en libre-service\s:\sOuverture de session$/,
  userId: 'ID utilisateur',
  continue: 'Continuer',
  methodsHeading: "Méthodes d'authentification",
  usePassword: 'Utiliser le mot de passe',
  password: 'Mot de passe',
  logIn: 'Ouverture de session',
  profileHeading: 'Mon Profil',
  logOut: 'Déconnexion',
  loggedOut: 'Votre session est fermée.',
  forgot: 'Mot de passe oublié?',
  incorrect: "Le code d'utilisateur ou le mot de passe est incorrect.",
} as const;

export type Strings = { [K in keyof typeof EN]: string | RegExp };

export function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' ? true : undefined });
}

/** Opens the app at `/` and waits for the sign-in heading. */
export async function openSignIn(page: Page, t: Strings = EN): Promise<void> {
  await page.goto('/');
  await heading(page, t.signInHeading).waitFor();
}

/** From the sign-in screen: user ID → Continue → "Authentication methods". */
export async function enterUserId(page: Page, userId: string, t: Strings = EN): Promise<void> {
  await page.getByLabel(t.userId, { exact: true }).fill(userId);
  await page.getByRole('button', { name: t.continue, exact: true }).click();
  await heading(page, t.methodsHeading).waitFor();
}

/** From the methods screen: "Use password" → the password screen. */
export async function choosePassword(page: Page, t: Strings = EN): Promise<void> {
  await page.getByRole('button', { name: t.usePassword, exact: true }).click();
  await heading(page, t.logIn).waitFor();
}

/** On the password screen: type it and press "Log in" (does not wait for the outcome). */
export async function submitPassword(page: Page, password: string, t: Strings = EN): Promise<void> {
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: t.logIn, exact: true }).click();
}

/** The whole password sign-in from the sign-in screen to "My Profile". */
export async function signInWithPassword(page: Page, userId: string, password = DEMO_PASSWORD, t: Strings = EN): Promise<void> {
  await enterUserId(page, userId, t);
  await choosePassword(page, t);
  await submitPassword(page, password, t);
  await heading(page, t.profileHeading).waitFor();
}

/** The error summary's text once one is shown (the `alert` that is not empty). */
export async function errorSummaryText(page: Page): Promise<string> {
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  await alert.waitFor();
  return normaliseSpaces((await alert.innerText()).trim());
}

/* ------------------------------------------------------------------------------------------ */
/* One server and one browser per test file, one context per test                              */
/* ------------------------------------------------------------------------------------------ */

export interface Suite {
  server: SesameServer;
  browser: Browser;
}

/** Registers before/after hooks that start one server and one browser for the file. */
export function setUpSuite(options: ServerOptions = {}): Suite {
  const suite: Partial<Suite> = {};
  before(async () => {
    suite.server = await startServer(options);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite as Suite;
}

export interface PageSession {
  context: BrowserContext;
  page: Page;
  /** The page's console, watched: declare expected lines with `allow()`. */
  browserConsole: ConsoleWatch;
}

/** How long one browser action or wait may take before the test fails. */
export const ACTION_TIMEOUT_MS = 10_000;

/**
 * Runs a test body in a new browser context and page, then checks the console stayed clean
 * (no CSP violation, no unexpected error or warning) and closes the context.
 */
export async function withPage(suite: Suite, options: ContextOptions, body: (session: PageSession) => Promise<void>): Promise<void> {
  const context = await newContext(suite.browser, suite.server, options);
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  let watch: ConsoleWatch | undefined;
  try {
    watch = watchConsole(context);
    const page = await context.newPage();
    await body({ context, page, browserConsole: watch });
    watch.assertClean();
  } catch (error) {
    // What the page said helps more than a timeout alone.
    if (error instanceof Error && watch && watch.problems.length > 0 && !error.message.includes('console')) {
      error.message += `\n(page console meanwhile:\n  ${watch.problems.join('\n  ')})`;
    }
    throw error;
  } finally {
    await context.close();
  }
}
