import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { alex, createTestApp, ORIGIN, PASSWORD, type TestApp } from './support/test-app';

describe('HTTP security', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('every response carries a CSP that allows no inline script, and the usual headers', async () => {
    const response = await t.request('/healthz');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  });

  test('API answers are never cached', async () => {
    const response = await t.request('/api/organisation');
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  test('a state-changing request from another origin, or with none, is refused', async () => {
    const body = JSON.stringify({ userId: alex.userId, password: PASSWORD });
    const headers = { 'content-type': 'application/json' };
    const none = await t.request('/api/auth/password', { method: 'POST', headers, body });
    assert.equal(none.status, 403);
    assert.equal((await none.json()).error, 'forbidden_origin');
    const evil = await t.request('/api/auth/password', { method: 'POST', headers: { ...headers, origin: 'https://evil.example' }, body });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('set-cookie'), null);
    const good = await t.request('/api/auth/password', { method: 'POST', headers: { ...headers, origin: ORIGIN }, body });
    assert.equal(good.status, 200);
  });

  test('logging someone out from another site does not work either', async () => {
    const response = await t.request('/api/auth/logout', { method: 'POST', headers: { origin: 'https://evil.example' } });
    assert.equal(response.status, 403);
  });

  test('a body over the limit is refused before it is read', async () => {
    const response = await t.send('POST', '/api/auth/password', {
      body: JSON.stringify({ userId: '100001', password: 'x'.repeat(64 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(response.status, 413);
    assert.equal((await response.json()).error, 'payload_too_large');
  });

  test('/healthz says the process is alive; /readyz that the database answers', async () => {
    assert.deepEqual(await (await t.request('/healthz')).json(), { status: 'ok' });
    assert.deepEqual(await (await t.request('/readyz')).json(), { status: 'ready' });
  });

  test('an unknown API path is a JSON 404', async () => {
    const response = await t.request('/api/nothing-here', { headers: { 'accept-language': 'fr' } });
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: 'not_found', message: "Il n'y a rien à cette adresse." });
  });

  test('the organisation texts are public and bilingual', async () => {
    const body = await (await t.request('/api/organisation')).json();
    assert.equal(body.helpDeskPhone, '1-877-411-8585');
    assert.deepEqual(body.name, { en: 'Canada Post', fr: 'Postes Canada' });
    assert.match(body.notice.fr, /Libre-service pour les employés/);
  });
});

describe('readiness when the database is gone', () => {
  test('/readyz answers 503 and /healthz still 200', async () => {
    const t = await createTestApp();
    await t.store.close();
    try {
      assert.equal((await t.request('/readyz')).status, 503);
      assert.equal((await t.request('/healthz')).status, 200);
    } finally {
      await t.database.drop();
    }
  });
});
