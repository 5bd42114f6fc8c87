/**
 * Gzip size of the JavaScript a browser loads to show the sign-in screen, measured by loading
 * the built app in Chromium and compressing every script response. Goal: ≤ 40 KB.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import chromiumConfig from '../chromium.json' with { type: 'json' };

export async function benchSignInBundle(): Promise<void> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sesame-bench-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), SESAME_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => server.stdout.on('data', (c: Buffer) => c.toString().includes('ready') && resolve()));
  const browser = await chromium.launch(chromiumConfig);
  try {
    for (const locale of ['en-CA', 'fr-CA']) {
      const context = await browser.newContext({ locale, serviceWorkers: 'block' });
      const page = await context.newPage();
      const scripts = new Map<string, number>();
      page.on('response', async (response) => {
        if (response.request().resourceType() !== 'script') return;
        const body = await response.body().catch(() => Buffer.alloc(0));
        scripts.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
      });
      await page.goto(`http://localhost:${port}/`);
      await page.getByRole('button', { name: locale.startsWith('fr') ? 'Continuer' : 'Continue' }).waitFor();
      await page.waitForLoadState('networkidle');
      const total = [...scripts.values()].reduce((a, b) => a + b, 0);
      process.stdout.write(
        `Sign-in screen JavaScript (${locale}): ${(total / 1024).toFixed(1)} KB gzip in ${scripts.size} files (goal ≤ 40 KB)\n` +
          [...scripts.entries()].map(([path, size]) => `  ${path}  ${(size / 1024).toFixed(1)} KB\n`).join(''),
      );
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
