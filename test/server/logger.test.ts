import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { createLogger } from '../../server/logger';
import { createTestApp, PASSWORD } from './support/test-app';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('logs', () => {
  test('secrets in a log line are censored', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info({ password: 'hunter2', body: { newPassword: 'hunter3' }, headers: { cookie: 'a=b' } }, 'oops');
    const text = lines.join('');
    assert.doesNotMatch(text, /hunter2|hunter3|a=b/);
    assert.match(text, /\[redacted\]/);
  });

  test('a sign-in leaves neither the password nor the session token in the request log', async () => {
    const { lines, stream } = capture();
    const t = await createTestApp();
    try {
      const { createApp } = await import('../../server/app');
      const { createServices } = await import('../../server/services');
      const services = createServices(t.config, t.store, createLogger('trace', stream), t.clock.now);
      const app = createApp(services, { clientRoot: '/nonexistent' });
      const response = await app.request('/api/auth/password', {
        method: 'POST',
        headers: { origin: t.config.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: '100001', password: PASSWORD }),
      });
      assert.equal(response.status, 200);
      const token = /sesame_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';
      const text = lines.join('');
      assert.match(text, /\/api\/auth\/password/);
      assert.ok(!text.includes(PASSWORD));
      assert.ok(token.length > 0 && !text.includes(token));
    } finally {
      await t.close();
    }
  });
});
