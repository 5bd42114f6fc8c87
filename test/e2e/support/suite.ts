/** One server and one browser per test file, one context per test. */
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, watchConsole, type ConsoleWatch, type ContextOptions } from './browser';
import { startServer, type SesameServer, type ServerOptions } from './server';

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
