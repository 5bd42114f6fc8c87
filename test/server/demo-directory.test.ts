import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countEmployees } from '../../server/db/queries/employees';
import { DEMO_PASSWORD, demoDirectoryTable, seedDemoDirectory } from '../../server/directory/demo-directory';
import { createTestApp, signIn, type TestApp } from './support/test-app';

describe('demo directory', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ employees: [] });
  });
  after(() => t.close());

  test('is created in an empty directory, once', async () => {
    assert.equal(await seedDemoDirectory(t.store), true);
    assert.equal(await seedDemoDirectory(t.store), false);
    assert.equal(await countEmployees(t.store), 3);
  });

  test('its three employees sign in with the demo password', async () => {
    const expected = [
      ['100001', 'Alex Tremblay', 'E-200001', 'en', ['employee']],
      ['100002', 'Marie Gagnon', 'E-200002', 'fr', ['employee']],
      ['900001', 'Sam Ouellet', 'E-290001', 'en', ['employee', 'helpdesk']],
    ] as const;
    for (const [userId, name, employeeId, language, roles] of expected) {
      const cookie = await signIn(t, userId, DEMO_PASSWORD);
      const profile = await (await t.send('GET', '/api/profile', { cookie })).json();
      assert.deepEqual(
        [profile.displayName, profile.employeeId, profile.preferredLanguage, profile.roles],
        [name, employeeId, language, roles],
      );
    }
  });

  test('the table printed at start lists them', () => {
    const table = demoDirectoryTable();
    for (const text of ['100001', 'Alex Tremblay', 'Marie Gagnon', '900001', DEMO_PASSWORD]) assert.match(table, new RegExp(text));
  });

  test('a directory that has employees gets no demo accounts', async () => {
    const other = await createTestApp();
    try {
      assert.equal(await seedDemoDirectory(other.store), false);
      assert.equal(await countEmployees(other.store), 1);
    } finally {
      await other.close();
    }
  });
});
