/**
 * Debian's Chromium driven by playwright-core, and what the tests read from it: the console
 * (expected to stay clean), axe's verdict, the focused element, the service worker.
 *
 * Functions handed to `page.evaluate` run in the page. This file is type-checked with the
 * server's tsconfig (no DOM library), so they reach the page's globals through the small
 * `InPage` type below; type casts vanish when the function is serialised.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import chromiumConfig from '../../chromium.json' with { type: 'json' };
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { ROOT, type SesameServer } from './server';

const AXE_PATH = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

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
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
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
      v.nodes
        .map((n) => `    at ${JSON.stringify(n.target)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
        .join('\n'),
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
