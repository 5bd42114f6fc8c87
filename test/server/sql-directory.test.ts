import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../server/db/store';
import { DEMO_PASSWORD, seedDemoDirectory } from '../../server/directory/demo-directory';
import { PasswordChangedMeanwhile } from '../../server/directory/directory';
import { createSqlDirectory } from '../../server/directory/sql-directory';
import { createTestDatabase, type TestDatabase } from './support/test-store';

const options = { mustChangeAtNextSignIn: false, notAmongLatest: 5 };

describe('built-in directory: setting a password', () => {
  let database: TestDatabase;
  let store: Store;
  before(async () => {
    database = await createTestDatabase();
    store = await database.open();
    await seedDemoDirectory(store);
  });
  after(() => database.drop());

  test('a change that proved a password another change has replaced since is refused, not saved over it', async () => {
    const directory = createSqlDirectory(store);
    const alex = await directory.verifyPassword('100001', DEMO_PASSWORD);
    assert.ok(alex);
    // Both proved the same current password; the first is saved before the second is prepared.
    const first = await directory.setPassword(alex, 'first new passphrase 2026', { ...options, currentPassword: DEMO_PASSWORD });
    assert.ok(first.ok);
    await store.write((w) => first.write(w));
    const second = await directory.setPassword(alex, 'second new passphrase 2026', { ...options, currentPassword: DEMO_PASSWORD });
    assert.ok(second.ok);
    await assert.rejects(
      store.write((w) => second.write(w)),
      PasswordChangedMeanwhile,
    );
    assert.ok(await directory.verifyPassword('100001', 'first new passphrase 2026'), 'the first change stands');
    assert.equal(await directory.verifyPassword('100001', 'second new passphrase 2026'), null);
  });
});
