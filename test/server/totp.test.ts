import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hotp, importTotpKey, matchingStep, secondsLeftInStep, timeStep, totpAt, webCryptoHmac } from '../../shared/totp';

// RFC 6238, appendix B: the SHA-1 rows, seed "12345678901234567890", 8 digits.
const RFC_6238_SHA1 = [
  { seconds: 59, step: 0x1, code: '94287082' },
  { seconds: 1111111109, step: 0x23523ec, code: '07081804' },
  { seconds: 1111111111, step: 0x23523ed, code: '14050471' },
  { seconds: 1234567890, step: 0x273ef07, code: '89005924' },
  { seconds: 2000000000, step: 0x3f940aa, code: '69279037' },
  { seconds: 20000000000, step: 0x27bc86aa, code: '65353130' },
];

// RFC 4226, appendix D: HOTP values for counters 0–9, 6 digits, same seed.
const RFC_4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

const seed = new TextEncoder().encode('12345678901234567890');
const hmac = async () => webCryptoHmac(await importTotpKey(seed));

describe('offline codes (RFC 6238)', () => {
  test('match every SHA-1 test vector of RFC 6238', async () => {
    const sign = await hmac();
    for (const row of RFC_6238_SHA1) {
      assert.equal(timeStep(row.seconds * 1000), row.step, `T for ${row.seconds}`);
      assert.equal(await totpAt(sign, row.seconds * 1000, 8), row.code, `code at ${row.seconds}`);
    }
  });

  test('match the HOTP test vectors of RFC 4226', async () => {
    const sign = await hmac();
    for (const [counter, code] of RFC_4226.entries()) assert.equal(await hotp(sign, counter), code);
  });

  test('the six-digit code is the last six digits of the eight-digit one', async () => {
    const sign = await hmac();
    assert.equal(await totpAt(sign, 1111111109_000), '081804');
  });

  test('a code is accepted one step early or late, not two', async () => {
    const sign = await hmac();
    const at = 1234567890_000;
    const now = timeStep(at);
    assert.equal(await matchingStep(sign, await hotp(sign, now - 1), at), now - 1);
    assert.equal(await matchingStep(sign, await hotp(sign, now + 1), at), now + 1);
    assert.equal(await matchingStep(sign, await hotp(sign, now), at), now);
    assert.equal(await matchingStep(sign, await hotp(sign, now - 2), at), null);
    assert.equal(await matchingStep(sign, '12345', at), null, 'a code of the wrong length matches nothing');
  });

  test('the key cannot be read back', async () => {
    const key = await importTotpKey(seed);
    assert.equal(key.extractable, false);
    await assert.rejects(crypto.subtle.exportKey('raw', key));
  });

  test('seconds left count down within a step', () => {
    assert.equal(secondsLeftInStep(0), 30);
    assert.equal(secondsLeftInStep(29_999), 1);
    assert.equal(secondsLeftInStep(30_000), 30);
  });
});
