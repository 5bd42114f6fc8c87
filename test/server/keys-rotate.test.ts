/**
 * `npm run keys:rotate` after a new root secret: every value encrypted at rest under the old key
 * (a device's offline-code key, the VAPID private key, a pending password) is encrypted again
 * under the new one, so that instances holding only the new secret read them all; a second run
 * finds nothing to do.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { insertPendingPassword } from '../../server/db/queries/password-sync';
import { totpSecretAssociatedData } from '../../server/devices/totp-secret';
import { createKeyService } from '../../server/keys/key-service';
import { keyIdOf, reEncryptAll } from '../../server/keys/re-encrypt';
import { parseRootSecret } from '../../server/keys/root-secret';
import { loadVapidKeys } from '../../server/push/vapid-keys';
import { enrolDevice } from './support/devices';
import { alex, createTestApp, signIn, TEST_SECRET_KEY, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-store';

describe('keys:rotate', () => {
  let database: TestDatabase;
  let before_: TestApp;
  let rotated: TestApp;
  const newSecret = randomBytes(32).toString('hex');
  let deviceId: string;
  let oldVapid: { publicKey: string; privateKey: string };

  before(async () => {
    database = await createTestDatabase();
    before_ = await createTestApp({ database });
    deviceId = (await enrolDevice(before_, await signIn(before_))).device.id;
    oldVapid = await loadVapidKeys(before_.services);
    const employee = await findEmployeeByUserId(before_.store, alex.userId);
    assert.ok(employee);
    await before_.store.write((w) =>
      insertPendingPassword(w, {
        changeId: 'change-1',
        employeeId: employee.id,
        ciphertext: before_.services.keys.encrypt('pending-password', 'a pending passphrase', 'change-1'),
        createdAt: new Date(),
      }),
    );
    rotated = await createTestApp({
      database,
      employees: [],
      env: { SESAME_SECRET_KEY: newSecret, SESAME_PREVIOUS_SECRET_KEYS: TEST_SECRET_KEY },
    });
  });
  after(async () => {
    await rotated?.close();
    await before_?.close();
    await database.drop();
  });

  test('re-encrypts each value under the new key; a second run does nothing; the new key alone reads them all', async () => {
    const counts = await reEncryptAll(rotated.store, rotated.services.keys);
    assert.deepEqual(counts, { 'totp-secret': 1, 'pending-password': 1, 'vapid-private-key': 1 });
    assert.deepEqual(await reEncryptAll(rotated.store, rotated.services.keys), {
      'totp-secret': 0,
      'pending-password': 0,
      'vapid-private-key': 0,
    });

    const onlyNew = createKeyService(parseRootSecret(newSecret)!);
    const t = rotated.store.t;
    const [device] = await rotated.store.db.select().from(t.mobileDevices);
    assert.equal(device?.id, deviceId);
    assert.equal(keyIdOf(device?.totpSecret ?? ''), onlyNew.keyId);
    assert.equal(onlyNew.decrypt('totp-secret', device?.totpSecret ?? '', totpSecretAssociatedData(deviceId)).length, 20);

    const [pending] = await rotated.store.db.select().from(t.pendingPasswords);
    assert.equal(onlyNew.decrypt('pending-password', pending?.ciphertext ?? '', 'change-1').toString('utf8'), 'a pending passphrase');

    const [vapid] = await rotated.store.db.select().from(t.serverSecrets);
    const stored = JSON.parse(vapid?.value ?? '{}') as { publicKey: string; privateKey: string };
    assert.equal(stored.publicKey, oldVapid.publicKey, 'browsers keep their subscriptions: the key pair is the same');
    assert.equal(
      onlyNew.decrypt('vapid-private-key', stored.privateKey, 'server_secrets:vapid-keys').toString('utf8'),
      oldVapid.privateKey,
    );
  });
});
