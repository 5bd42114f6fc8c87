/**
 * The app shell carries its stylesheet and first-screen script inline (issue 7, item 16): the
 * CSP allows exactly those, by hash, and nothing else inline.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './support/test-app';

const SCRIPT = "document.documentElement.lang = 'fr';";
const STYLE = 'body { margin: 0; }';
const INDEX =
  `<!doctype html><html lang="en"><head><title>Sésame</title><style>${STYLE}</style><script>${SCRIPT}</script>` +
  '<script type="module" crossorigin src="/assets/index-AbC123.js"></script></head><body><p>Self-service password</p></body></html>';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function directive(csp: string, name: string): string[] {
  const part = csp.split(';').find((p) => p.trim().startsWith(`${name} `)) ?? '';
  return part.trim().split(/\s+/).slice(1);
}

describe('inline script and stylesheet of the app shell', () => {
  let root: string;
  let t: TestApp;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sesame-inline-'));
    writeFileSync(join(root, 'index.html'), INDEX);
    t = await createTestApp({ clientRoot: root });
  });
  after(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("the CSP allows the document's own inline script and stylesheet by hash, and no other", async () => {
    const response = await t.request('/');
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.deepEqual(directive(csp, 'script-src'), ["'self'", hash(SCRIPT)]);
    assert.deepEqual(directive(csp, 'style-src'), ["'self'", hash(STYLE)]);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|strict-dynamic/);
    // An injected script, even one line different, has another hash: it does not run.
    assert.ok(!directive(csp, 'script-src').includes(hash(`${SCRIPT} alert(1);`)));
  });

  test('every other response carries the same policy', async () => {
    const response = await t.request('/healthz');
    assert.deepEqual(directive(response.headers.get('content-security-policy') ?? '', 'script-src'), ["'self'", hash(SCRIPT)]);
  });
});

describe('a new deployment copied over the running one', () => {
  let root: string;
  let t: TestApp;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sesame-inline-'));
    writeFileSync(join(root, 'index.html'), INDEX);
    t = await createTestApp({ clientRoot: root });
  });
  after(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('its inline script is allowed without a restart, the old one no longer', async () => {
    const before = directive((await t.request('/')).headers.get('content-security-policy') ?? '', 'script-src');
    assert.deepEqual(before, ["'self'", hash(SCRIPT)]);
    const next = "document.documentElement.lang = 'en';";
    writeFileSync(join(root, 'index.html'), INDEX.replace(SCRIPT, next));
    // A later modification time, whatever the file system's clock granularity.
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'index.html'), later, later);
    // The document is looked at again once a second at most.
    await sleep(1100);
    const after = directive((await t.request('/')).headers.get('content-security-policy') ?? '', 'script-src');
    assert.deepEqual(after, ["'self'", hash(next)]);
  });
});

describe('without a built client', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('nothing inline is allowed', async () => {
    const response = await t.request('/healthz');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.deepEqual(directive(csp, 'script-src'), ["'self'"]);
    assert.deepEqual(directive(csp, 'style-src'), ["'self'"]);
  });
});
