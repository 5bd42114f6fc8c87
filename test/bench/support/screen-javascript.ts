/**
 * The JavaScript a browser loads to show one screen of the built app, gzip-compressed (level 9)
 * response by response, as Chromium fetched it: what a phone on a poor network downloads before
 * the screen works. Served by a real server process over the built `dist/client`.
 */
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import chromiumConfig from '../../chromium.json' with { type: 'json' };
import { startAppServer } from './app-server';

export interface Screen {
  label: string;
  path: string;
  /** What shows the screen is up: a button's accessible name, or only the network going quiet. */
  ready: { button: string } | 'networkidle';
  locale?: string;
}

export interface ScreenScripts {
  label: string;
  locale: string;
  /** Total gzip bytes of every script response. */
  bytes: number;
  files: number;
  /** Gzip bytes per script path. */
  scripts: Map<string, number>;
}

export async function screenJavaScript(screens: readonly Screen[]): Promise<ScreenScripts[]> {
  const server = await startAppServer();
  const browser = await chromium.launch(chromiumConfig);
  try {
    const results: ScreenScripts[] = [];
    for (const { label, path, ready, locale = 'en-CA' } of screens) {
      const context = await browser.newContext({ locale, serviceWorkers: 'block' });
      const page = await context.newPage();
      const scripts = new Map<string, number>();
      page.on('response', async (response) => {
        if (response.request().resourceType() !== 'script') return;
        const body = await response.body().catch(() => Buffer.alloc(0));
        scripts.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
      });
      await page.goto(`${server.origin}${path}`);
      if (ready !== 'networkidle') await page.getByRole('button', { name: ready.button }).waitFor();
      await page.waitForLoadState('networkidle');
      const bytes = [...scripts.values()].reduce((a, b) => a + b, 0);
      results.push({ label, locale, bytes, files: scripts.size, scripts });
      await context.close();
    }
    return results;
  } finally {
    await browser.close();
    await server.stop();
  }
}
