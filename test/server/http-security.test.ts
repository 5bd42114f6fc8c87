import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createHttpServer, listen } from '../../server/http/node-server';
import { alex, createTestApp, ORIGIN, PASSWORD, type TestApp } from './support/test-app';

describe('HTTP security', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('every response carries a CSP that allows no inline script (no built client here: see inline-sources.test.ts), and the usual headers', async () => {
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

  test('the organisation texts say how the user-ID field behaves: numeric keypad, employee-ID shape', async () => {
    const body = await (await t.request('/api/organisation')).json();
    assert.equal(body.userIdInputMode, 'numeric');
    assert.equal(body.employeeIdPattern, '^E-?\\d{6}$');
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

describe('API answers are never cached, errors included', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('a refusal by the origin check, an unknown path and a too-large body all carry no-store', async () => {
    const refused = await t.request('/api/auth/password', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('cache-control'), 'no-store');
    const missing = await t.request('/api/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('cache-control'), 'no-store');
    const tooLarge = await t.send('POST', '/api/auth/password', {
      body: 'x'.repeat(64 * 1024),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.headers.get('cache-control'), 'no-store');
    const malformed = await t.send('POST', '/api/auth/password', { body: '{not json', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.headers.get('cache-control'), 'no-store');
  });
});

describe('the HTTP server over real sockets', () => {
  let t: TestApp;
  let server: Server;
  let port: number;
  before(async () => {
    t = await createTestApp();
    server = createHttpServer(t.app.fetch, { requestMs: 1_000, keepAliveMs: 5_000 });
    port = await listen(server, 0, '127.0.0.1');
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  /** Sends raw bytes on a fresh connection; resolves with all it received once the server closes it. */
  function exchange(send: (socket: Socket) => void, ms = 10_000): Promise<{ text: string; error?: string; ms: number }> {
    const started = Date.now();
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      const timer = setTimeout(() => socket.destroy(), ms);
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ text, error: error.code ?? error.message, ms: Date.now() - started });
      });
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ text, ms: Date.now() - started });
      });
      socket.on('connect', () => send(socket));
    });
  }

  test('an oversized body on a keep-alive connection always gets its 413, then the connection closes cleanly', async () => {
    const body = Buffer.alloc(256 * 1024, 'x');
    const head =
      `POST /api/auth/password HTTP/1.1\r\nHost: localhost\r\nOrigin: ${ORIGIN}\r\nConnection: keep-alive\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () =>
        exchange((socket) => {
          socket.write(head);
          // The body in pieces, as a slow client would send it, still coming after the answer.
          let sent = 0;
          const more = () => {
            if (sent >= body.length || socket.destroyed) return;
            const piece = body.subarray(sent, sent + 16 * 1024);
            sent += piece.length;
            socket.write(piece, () => setImmediate(more));
          };
          more();
        }),
      ),
    );
    for (const outcome of outcomes) {
      assert.match(outcome.text, /^HTTP\/1\.1 413 /, `got ${JSON.stringify(outcome.text.slice(0, 80))} (${outcome.error ?? 'closed'})`);
      assert.match(outcome.text, /\r\nconnection: close\r\n/i);
      assert.match(outcome.text, /"error":"payload_too_large"/);
    }
  });

  test('a request whose body never completes is answered and closed within the request timeout', async () => {
    const outcome = await exchange((socket) => {
      socket.write(
        `POST /api/auth/password HTTP/1.1\r\nHost: localhost\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"userId":`,
      );
    });
    assert.ok(outcome.ms < 4_000, `held ${outcome.ms} ms`);
    assert.match(outcome.text, /^HTTP\/1\.1 408 /);
  });

  test('headers that never end are cut off too', async () => {
    const outcome = await exchange((socket) => socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: '));
    assert.ok(outcome.ms < 4_000, `held ${outcome.ms} ms`);
  });
});
