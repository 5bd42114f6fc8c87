/**
 * The built app as the server sends it (issue 7, item 16): text files in the Brotli or gzip
 * copy the build wrote, as the browser accepts; the same bytes for everyone else; validators
 * that turn a revalidation into a 304; PNG sent as it is; the security headers on all of it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from '../../scripts/precompress-client';
import { createTestApp, type TestApp } from './support/test-app';

const INDEX = `<!doctype html><html lang="en"><head><title>Sésame</title></head><body>${'<p>Self-service password</p>'.repeat(40)}</body></html>`;
const SCRIPT = `export const words = ${JSON.stringify('Self-service password: Sign in. '.repeat(60))};\n`;
// A PNG signature and some bytes: compressed already, nothing to gain.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);

describe('the built client as served', () => {
  let root: string;
  let t: TestApp;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sesame-client-'));
    mkdirSync(join(root, 'assets'));
    mkdirSync(join(root, 'icons'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'app-AbC123.js'), SCRIPT);
    writeFileSync(join(root, 'icons', 'icon-192.png'), PNG);
    precompress(root);
    t = await createTestApp({ clientRoot: root });
  });
  after(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) => t.request(path, { headers });
  const bytes = async (response: Awaited<ReturnType<typeof get>>) => Buffer.from(await response.arrayBuffer());

  test('a browser that accepts Brotli gets the Brotli copy, fewer bytes for the same page', async () => {
    const response = await get('/', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), 'br');
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.headers.get('vary') ?? '', /accept-encoding/i);
    const body = await bytes(response);
    assert.ok(body.length < INDEX.length / 3, `${body.length} bytes for a ${INDEX.length}-byte page`);
    assert.equal(brotliDecompressSync(body).toString(), INDEX);
    assert.equal(Number(response.headers.get('content-length')), body.length);
  });

  test('gzip when that is all the browser accepts; the plain file, still marked as varying, otherwise', async () => {
    const gzip = await get('/assets/app-AbC123.js', { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers.get('content-encoding'), 'gzip');
    assert.match(gzip.headers.get('content-type') ?? '', /javascript/);
    assert.equal(gunzipSync(await bytes(gzip)).toString(), SCRIPT);

    const plain = await get('/assets/app-AbC123.js');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal((await bytes(plain)).toString(), SCRIPT);
    // Without Vary, a shared cache could hand this plain copy, or the gzip one, to anyone.
    assert.match(plain.headers.get('vary') ?? '', /accept-encoding/i);
    assert.equal(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  });

  test('a screen of the app (the app shell) is compressed too', async () => {
    const response = await get('/profile', { 'accept-encoding': 'br' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), 'br');
    assert.equal(brotliDecompressSync(await bytes(response)).toString(), INDEX);
  });

  test('PNG goes out as it is, whatever the browser accepts, and is not marked as varying', async () => {
    const response = await get('/icons/icon-192.png', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), null);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('vary'), null);
    assert.ok((await bytes(response)).equals(PNG));
  });

  test('each copy has its own ETag; revalidating the document costs a 304 that keeps its headers', async () => {
    const brotli = await get('/', { 'accept-encoding': 'br' });
    const gzip = await get('/', { 'accept-encoding': 'gzip' });
    const plain = await get('/');
    const tags = [brotli, gzip, plain].map((response) => response.headers.get('etag'));
    for (const tag of tags) assert.match(tag ?? '', /^"[\w-]+"$/, 'a strong ETag');
    assert.equal(new Set(tags).size, 3, 'three representations, three ETags');
    assert.equal((await get('/', { 'accept-encoding': 'br' })).headers.get('etag'), tags[0], 'stable');

    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': tags[0] ?? '' });
    assert.equal(again.status, 304);
    assert.equal((await bytes(again)).length, 0);
    assert.equal(again.headers.get('etag'), tags[0]);
    assert.equal(again.headers.get('cache-control'), 'no-cache');
    assert.match(again.headers.get('vary') ?? '', /accept-encoding/i);
    assert.match(again.headers.get('content-security-policy') ?? '', /script-src 'self'/);

    // The Brotli copy's tag does not validate the gzip one.
    const otherCopy = await get('/', { 'accept-encoding': 'gzip', 'if-none-match': tags[0] ?? '' });
    assert.equal(otherCopy.status, 200);
    assert.equal(gunzipSync(await bytes(otherCopy)).toString(), INDEX);
  });

  test('compressed answers keep the CSP and the other security headers', async () => {
    const response = await get('/', { 'accept-encoding': 'br' });
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
  });

  test('a HEAD request describes the copy a GET would send', async () => {
    const head = await t.request('/', { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    const brotli = await get('/', { 'accept-encoding': 'br' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-encoding'), 'br');
    assert.equal(head.headers.get('content-length'), brotli.headers.get('content-length'));
    assert.equal(head.headers.get('etag'), brotli.headers.get('etag'));
  });
});
