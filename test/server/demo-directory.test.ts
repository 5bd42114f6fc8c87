import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countEmployees } from '../../server/db/queries/employees';
import {
  DEMO_PASSWORD,
  DEMO_TEMPORARY_PASSWORD,
  demoDirectoryTable,
  demoSecurityAnswers,
  seedDemoDirectory,
} from '../../server/directory/demo-directory';
import { createTestApp, sessionCookie, signIn, type TestApp } from './support/test-app';

describe('demo directory', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ employees: [] });
  });
  after(() => t.close());

  test('is created in an empty directory, once', async () => {
    assert.equal(await seedDemoDirectory(t.store), true);
    assert.equal(await seedDemoDirectory(t.store), false);
    assert.equal(await countEmployees(t.store), 4);
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
    for (const text of ['100001', 'Alex Tremblay', 'Marie Gagnon', '900001', DEMO_PASSWORD, 'Jordan Roy', DEMO_TEMPORARY_PASSWORD]) {
      assert.match(table, new RegExp(text));
    }
  });

  test('Marie Gagnon (100002) answers her security questions with the answers the README lists', async () => {
    const answers = new Map([
      ['Quel était le nom de votre premier animal de compagnie?', 'pompon'],
      ['Quel était le nom de votre école primaire?', 'sainte famille'],
      ['Dans quelle ville ou quel village vos parents se sont-ils rencontrés?', 'RIMOUSKI'],
      ['Qui était sur scène au premier spectacle auquel vous avez assisté?', 'celine dion'],
      ['Quels étaient la marque et le modèle de votre première voiture?', 'Honda civic'],
    ]);
    assert.equal(demoSecurityAnswers['100002']?.length, 5);
    const start = await t.send('POST', '/api/auth/questions/start', { json: { userId: '100002', purpose: 'sign-in' } });
    const { questions } = await start.json();
    assert.equal(questions.length, 3);
    const response = await t.send('POST', '/api/auth/questions/answer', {
      json: {
        userId: '100002',
        purpose: 'sign-in',
        answers: questions.map((q: { position: number; text: { fr: string } }) => ({
          position: q.position,
          answer: answers.get(q.text.fr),
        })),
      },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { access: { level: 'full' } });
  });

  test('Jordan Roy (100003) signs in with a temporary password and must change it first, with no method enrolled', async () => {
    const response = await t.send('POST', '/api/auth/password', { json: { userId: '100003', password: DEMO_TEMPORARY_PASSWORD } });
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.access.level, 'set-password');
    assert.equal(body.access.reason, 'temporary');
    const cookie = sessionCookie(response);
    assert.equal((await t.send('GET', '/api/profile', { cookie })).status, 403);
    const session = await (await t.send('GET', '/api/auth/session', { cookie })).json();
    assert.equal(session.profile.displayName, 'Jordan Roy');
    const rows = await t.store.db.select().from(t.store.t.securityAnswers);
    assert.equal(rows.length, 5, "only Marie Gagnon's questions are enrolled");
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
