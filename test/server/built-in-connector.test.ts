/**
 * The built-in connector (accounts kept in Sésame's database), on both dialects, with the demo's
 * Payroll and Email accounts: verify, find by user ID, set a password.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { builtInConnector } from '../../server/connectors/built-in-connector';
import { DEMO_MAIL_PASSWORD } from '../../server/connectors/demo-targets';
import type { Store } from '../../server/db/store';
import { DEMO_PASSWORD, seedDemoDirectory } from '../../server/directory/demo-directory';
import { createTestDatabase, type TestDatabase } from './support/test-store';

describe('built-in connector, with the demo target systems', () => {
  let database: TestDatabase;
  let store: Store;
  before(async () => {
    database = await createTestDatabase();
    store = await database.open();
    await seedDemoDirectory(store);
  });
  after(() => database.drop());

  test("Payroll's accounts are found by the employee's user ID, and take the directory's demo password", async () => {
    const payroll = builtInConnector(store, 'payroll');
    assert.deepEqual(
      (await payroll.find('100001')).map((a) => a.account),
      ['100001'],
    );
    assert.deepEqual(await payroll.find('100003'), []);
    assert.equal(await payroll.verify('100001', DEMO_PASSWORD), 'ok');
  });

  test("Email's accounts are not found by user ID; they are proved with their own password", async () => {
    const email = builtInConnector(store, 'email');
    assert.deepEqual(await email.find('100001'), []);
    assert.equal(await email.verify('atremblay', DEMO_MAIL_PASSWORD), 'ok');
    assert.equal(await email.verify('atremblay', DEMO_PASSWORD), 'wrong');
    assert.equal(await email.verify('nobody', DEMO_MAIL_PASSWORD), 'wrong');
    // The same account name on another target is another account.
    assert.equal(await builtInConnector(store, 'payroll').verify('atremblay', DEMO_MAIL_PASSWORD), 'wrong');
  });

  test('setPassword: the new password works and the old one no longer does; an unknown account is refused', async () => {
    const email = builtInConnector(store, 'email');
    assert.deepEqual(await email.setPassword('mgagnon', 'new mail passphrase 2026'), { ok: true });
    assert.equal(await email.verify('mgagnon', 'new mail passphrase 2026'), 'ok');
    assert.equal(await email.verify('mgagnon', DEMO_MAIL_PASSWORD), 'wrong');
    const unknown = await email.setPassword('nobody', 'new mail passphrase 2026');
    assert.equal(unknown.ok, false);
  });
});
