import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyResponse, parseRetryAfter } from '../../server/push/push-outcome';
import { endpointProblem, pushServiceOf } from '../../server/push/push-sender';
import { encodePushPayload, parsePushPayload } from '../../shared/push-payload';

describe('push payloads', () => {
  test('a sign-in request is its kind and its id, nothing more', () => {
    const payload = { type: 'sign-in-request', requestId: '3f2a9c1e-7b4d-4e8a-9f10-2c6d8e0b5a47' } as const;
    assert.deepEqual(parsePushPayload(JSON.parse(encodePushPayload(payload))), payload);
    assert.deepEqual(parsePushPayload({ type: 'device-added' }), { type: 'device-added' });
  });

  test('anything else is refused: extra fields, odd ids, other kinds, other shapes', () => {
    for (const value of [
      null,
      'sign-in-request',
      [],
      { type: 'sign-in-request' },
      { type: 'sign-in-request', requestId: 'short' },
      { type: 'sign-in-request', requestId: '../../profile/devices' },
      { type: 'sign-in-request', requestId: 'a'.repeat(65) },
      { type: 'sign-in-request', requestId: '3f2a9c1e-7b4d-4e8a', name: 'Alex' },
      { type: 'device-added', deviceName: 'Android phone' },
      { type: 'password-changed' },
    ]) {
      assert.equal(parsePushPayload(value), null, JSON.stringify(value));
    }
  });
});

describe('what a push service answered', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  test('2xx delivered; 404 and 410 gone; 429 and 5xx retried; other 4xx dropped', () => {
    assert.equal(classifyResponse(201, null, now).kind, 'delivered');
    assert.equal(classifyResponse(404, null, now).kind, 'gone');
    assert.equal(classifyResponse(410, null, now).kind, 'gone');
    for (const status of [429, 500, 502, 503]) assert.equal(classifyResponse(status, null, now).kind, 'retry');
    for (const status of [400, 401, 403, 413]) assert.equal(classifyResponse(status, null, now).kind, 'drop');
  });

  test('Retry-After in seconds or as a date, bounded', () => {
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter('Tue, 01 Dec 2026 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('86400', now), 5 * 60_000);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(null, now), null);
  });
});

describe('push endpoints', () => {
  test('https anywhere, plain http only on this machine', () => {
    assert.equal(endpointProblem('https://fcm.googleapis.com/fcm/send/abc'), null);
    assert.equal(endpointProblem('http://127.0.0.1:4000/push/x'), null);
    assert.match(endpointProblem('http://10.0.0.5/push/x') ?? '', /https/);
    assert.match(endpointProblem('file:///etc/passwd') ?? '', /https/);
    assert.match(endpointProblem('not a url') ?? '', /not a URL/);
  });

  test('logs name only the push service', () => {
    assert.equal(pushServiceOf('https://web.push.apple.com/QGuQyavXutnMH5mbSpX2'), 'web.push.apple.com');
  });
});
