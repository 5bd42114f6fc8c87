/**
 * Bad input at every "Mobile device" endpoint (the waiting browser's and the phone's): malformed
 * JSON, wrong or foreign or expired request ids, tampered or truncated assertions, another
 * employee's credential, an oversized client data JSON, odd cookies. Each gets a clear 4xx JSON
 * `{ error, message }` in the caller's language — never a 5xx — and nobody is signed in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { approvalOptions, waitOnMobile, type Waiting } from './support/approvals';
import { enrolDevice, type EnrolledDevice } from './support/devices';
import { alex, createTestApp, signIn, type TestApp } from './support/test-app';

const bob = { ...alex, userId: '100002', employeeId: 'E-200002', displayName: 'Bob Gagnon' };

const bodies = [
  '',
  '{',
  'null',
  '[]',
  '"x"',
  '12',
  '{"number":',
  '{"__proto__":{"admin":true}}',
  '{}',
  '{"number":"12"}',
  '{"number":12}',
  '{"number":12,"assertion":null}',
  '{"number":1e308,"assertion":{}}',
  '{"number":-1,"assertion":{"id":"x"}}',
  '{"number":12.5,"assertion":{"id":"AAAA","rawId":"AAAA","type":"public-key","clientExtensionResults":{},"response":{}}}',
  '{"userId":"100001"}',
  '{"userId":"100001","purpose":"other"}',
  '{"userId":"\\u0000","purpose":"sign-in"}',
  '{"userId":"100001","purpose":"sign-in","extra":1}',
  '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
  '\u0000\u0001',
];

describe('bad input at the mobile device endpoints never reaches a 5xx', () => {
  let t: TestApp;
  let phone: EnrolledDevice;
  let bobPhone: EnrolledDevice;
  let waiting: Waiting;

  before(async () => {
    t = await createTestApp({ employees: [alex, bob] });
    phone = await enrolDevice(t, await signIn(t));
    bobPhone = await enrolDevice(t, await signIn(t, bob.userId), { name: 'Bob phone' });
    waiting = await waitOnMobile(t, alex.userId);
  });
  after(() => t.close());

  async function expectClientError(response: Response, label: string, language: 'en' | 'fr' = 'en') {
    assert.ok(response.status >= 400 && response.status < 500, `${label}: status ${response.status}`);
    assert.doesNotMatch(response.headers.get('set-cookie') ?? '', /__Host-sesame_session=[^;]/, `${label}: a session was issued`);
    const text = await response.text();
    assert.doesNotMatch(text, /\bat .+\.(ts|js):\d+/, `${label}: stack trace`);
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    assert.equal(typeof body.error, 'string', `${label}: ${text.slice(0, 200)}`);
    assert.equal(typeof body.message, 'string', `${label}: ${text.slice(0, 200)}`);
    if (language === 'fr' && body.error !== 'invalid_request')
      assert.doesNotMatch(String(body.message), /\b(the|this|request)\b/i, `${label}: ${body.message}`);
    return body as { error: string; message: string };
  }

  test('malformed bodies at start and approve', async () => {
    const targets = [
      { path: '/api/auth/mobile/start', cookie: undefined },
      { path: `/api/device/requests/${waiting.requestId}/approve`, cookie: phone.deviceCookie },
    ];
    for (const { path, cookie } of targets) {
      for (const [i, body] of bodies.entries()) {
        for (const contentType of ['application/json', 'text/plain']) {
          const language = i % 2 ? 'fr' : 'en';
          const response = await t.send('POST', path, {
            body,
            cookie,
            headers: { 'content-type': contentType, 'accept-language': language },
          });
          if (response.status === 200 && path.endsWith('/start')) continue; // a valid start, normalised
          await expectClientError(response, `${path} ${JSON.stringify(body).slice(0, 80)}`, language);
        }
      }
    }
  });

  test('wrong, malformed, foreign and expired request ids', async () => {
    const ids = ['x', 'A'.repeat(22), '..%2F..%2Fetc', '%00', 'A'.repeat(500), "' OR 1=1 --", waiting.requestId + 'A'];
    for (const id of ids) {
      for (const [method, suffix] of [
        ['GET', ''],
        ['POST', '/options'],
        ['POST', '/deny'],
        ['POST', '/approve'],
      ] as const) {
        const response = await t.send(method, `/api/device/requests/${id}${suffix}`, {
          cookie: phone.deviceCookie,
          json: suffix === '/approve' ? { number: 12, assertion: {} } : undefined,
          headers: { 'accept-language': 'fr' },
        });
        await expectClientError(response, `${method} ${id}${suffix}`, 'fr');
      }
    }
    // Another employee's phone: the request is not found.
    for (const suffix of ['/options', '/deny']) {
      const body = await expectClientError(
        await t.send('POST', `/api/device/requests/${waiting.requestId}${suffix}`, { cookie: bobPhone.deviceCookie }),
        suffix,
      );
      assert.equal(body.error, 'not_found');
    }
    // No device credential at all: the list says "nothing" (204), the rest refuse.
    assert.equal((await t.send('GET', '/api/device/requests')).status, 204);
    const unknown = await t.send('GET', '/api/device/requests', {
      headers: { cookie: '__Host-sesame-device=' + 'A'.repeat(43), 'accept-language': 'fr' },
    });
    assert.equal((await expectClientError(unknown, 'unknown device', 'fr')).error, 'device_unknown');
    const request = await t.send('GET', `/api/device/requests/${waiting.requestId}`, { headers: { 'accept-language': 'fr' } });
    assert.equal((await expectClientError(request, 'no device', 'fr')).error, 'device_unknown');
  });

  test('tampered, truncated, oversized and foreign assertions', async () => {
    const options = await approvalOptions(t, phone.deviceCookie, waiting.requestId);
    const good = phone.authenticator.authenticate(options);
    const variants: Array<[string, unknown]> = [
      ['truncated signature', { ...good, response: { ...good.response, signature: good.response.signature.slice(0, 10) } }],
      ['truncated client data', { ...good, response: { ...good.response, clientDataJSON: good.response.clientDataJSON.slice(0, 30) } }],
      ['client data not JSON', { ...good, response: { ...good.response, clientDataJSON: Buffer.from('{{{').toString('base64url') } }],
      ['oversized client data', { ...good, response: { ...good.response, clientDataJSON: 'A'.repeat(5000) } }],
      ['not base64url', { ...good, response: { ...good.response, signature: 'not base64!' } }],
      ['unknown credential', { ...good, id: 'AAAAAAAAAAAAAAAAAAAAAA', rawId: 'AAAAAAAAAAAAAAAAAAAAAA' }],
      ["another employee's credential", bobPhone.authenticator.authenticate({ ...options, allowCredentials: [] })],
      ['missing response', { ...good, response: undefined }],
    ];
    for (const [label, assertion] of variants) {
      const response = await t.send('POST', `/api/device/requests/${waiting.requestId}/approve`, {
        cookie: phone.deviceCookie,
        json: { number: waiting.number, assertion },
        headers: { 'accept-language': 'fr' },
      });
      await expectClientError(response, label, 'fr');
      // Each spent attempt needs fresh options; the request stays pending.
      await approvalOptions(t, phone.deviceCookie, waiting.requestId);
    }
    const status = await (await t.send('GET', '/api/auth/mobile/status', { cookie: waiting.cookie })).json();
    assert.equal(status.status, 'pending');
  });

  test("the waiting browser's endpoints with odd cookies", async () => {
    const cookies = [
      '',
      'x',
      '__Host-sesame-approval=',
      '__Host-sesame-approval=' + 'A'.repeat(43),
      '__Host-sesame-approval=%00%ff',
      '__Host-sesame-approval=' + 'x'.repeat(3000),
    ];
    for (const cookie of cookies) {
      for (const [method, path] of [
        ['GET', '/api/auth/mobile/status'],
        ['GET', '/api/auth/mobile/events'],
        ['POST', '/api/auth/mobile/collect'],
      ] as const) {
        const response = await t.send(method, path, { headers: { cookie, 'accept-language': 'fr' } });
        await expectClientError(response, `${method} ${path} ${cookie.slice(0, 40)}`, 'fr');
      }
    }
  });

  test('an expired request: every phone endpoint refuses it clearly', async () => {
    const late = await waitOnMobile(t, bob.userId);
    t.clock.advance(121_000);
    for (const suffix of ['/options', '/deny']) {
      const body = await expectClientError(
        await t.send('POST', `/api/device/requests/${late.requestId}${suffix}`, { cookie: bobPhone.deviceCookie }),
        suffix,
      );
      assert.equal(body.error, 'approval_closed');
    }
    const collect = await expectClientError(await t.send('POST', '/api/auth/mobile/collect', { cookie: late.cookie }), 'collect');
    assert.equal(collect.error, 'approval_not_ready');
  });
});
