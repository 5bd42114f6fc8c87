/**
 * Passwords' encoding (issue 7, item 5): lone surrogates are refused wherever a password is
 * taken, and passwords are NFC before hashing and verifying, old raw-form hashes re-made once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { hashSecret } from '../../server/crypto/argon2';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { alex, createTestApp, PASSWORD, signIn, startSession, type TestApp } from './support/test-app';

const NFD = 'cafe\u0301 cre\u0300me brûlée'.normalize('NFD');
const NFC = NFD.normalize('NFC');

describe('password encoding', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      employees: [alex, { ...alex, userId: '100041', employeeId: 'E-41' }, { ...alex, userId: '100042', employeeId: 'E-42' }],
    });
  });
  after(() => t.close());

  const storedHash = async (userId: string) => (await findEmployeeByUserId(t.store, userId))?.passwordHash;

  test('a password with a lone surrogate is refused with 400 invalid_request: sign-in, change and set', async () => {
    for (const lone of ['\ud800', '\udfff', 'pass\ud83dword long enough']) {
      const signInBody = `{"userId":"100001","password":${JSON.stringify(lone)}}`;
      const signInAnswer = await t.send('POST', '/api/auth/password', {
        body: signInBody,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(signInAnswer.status, 400, JSON.stringify(lone));
      assert.equal((await signInAnswer.json()).error, 'invalid_request');

      const cookie = await signIn(t);
      const change = await t.send('POST', '/api/password/change', {
        json: { currentPassword: lone, newPassword: 'a fine new passphrase' },
        cookie,
      });
      assert.equal(change.status, 400);
      const changeTo = await t.send('POST', '/api/password/change', {
        json: { currentPassword: PASSWORD, newPassword: `${lone} fine new passphrase` },
        cookie,
      });
      assert.equal(changeTo.status, 400);

      const reset = await startSession(t, '100041', { level: 'set-password', reason: 'reset' });
      const set = await t.send('POST', '/api/password/set', { json: { newPassword: `${lone} fine new passphrase` }, cookie: reset });
      assert.equal(set.status, 400);
      assert.equal((await set.json()).error, 'invalid_request');
    }
  });

  test('three passwords that differ only in their lone surrogate do not match each other', async () => {
    const reset = await startSession(t, '100041', { level: 'set-password', reason: 'reset' });
    assert.equal(
      (await t.send('POST', '/api/password/set', { json: { newPassword: 'well formed passphrase \u{1F600}' }, cookie: reset })).status,
      200,
    );
    for (const other of ['well formed passphrase \ud83d', 'well formed passphrase \ude00']) {
      const response = await t.send('POST', '/api/auth/password', {
        body: `{"userId":"100041","password":${JSON.stringify(other)}}`,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(response.status, 400);
    }
  });

  test('a hash made from an NFD password signs in with the NFD and the NFC form, and is re-made in NFC once', async () => {
    const legacy = await hashSecret(NFD);
    await t.store.write((w) => w.db.update(w.t.employees).set({ passwordHash: legacy }).where(eq(w.t.employees.userId, '100042')));

    await signIn(t, '100042', NFD);
    const remade = await storedHash('100042');
    assert.notEqual(remade, legacy, 're-made at the first sign-in');

    await signIn(t, '100042', NFC);
    await signIn(t, '100042', NFD);
    assert.equal(await storedHash('100042'), remade, 'and only once');
  });

  test('a new password set in NFD signs in in NFC, and the other way round', async () => {
    const reset = await startSession(t, '100041', { level: 'set-password', reason: 'reset' });
    assert.equal((await t.send('POST', '/api/password/set', { json: { newPassword: `${NFD} nouveau` }, cookie: reset })).status, 200);
    const hash = await storedHash('100041');
    await signIn(t, '100041', `${NFC} nouveau`);
    await signIn(t, '100041', `${NFD} nouveau`);
    assert.equal(await storedHash('100041'), hash, 'an NFC hash is never re-made');
  });
});
