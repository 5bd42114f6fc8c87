/**
 * Employees with an enrolled phone, for the approval benchmark: written through the real query
 * layer and services, never raw SQL, so the seed cannot drift from the schema.
 *
 * - The employees share ONE argon2id hash (computed once): the bench never signs them in with a
 *   password, and 10,000 hashes would cost minutes of seeding for nothing it measures.
 * - Each phone is enrolled by the real enrolment service (`deviceEnrolment.registrationOptions`
 *   then `add`): a WebAuthn registration made by a software authenticator key of its own, the
 *   device credential, the offline-code key encrypted by the key service, the audit event. Only
 *   the HTTP hop and the session that authorises it are skipped (a session needs a sign-in, so
 *   an argon2id hash per employee again).
 *
 * Run in the bench's own process on a store the server is not using yet (SQLite's file belongs
 * to one process), with the configuration the server will start with.
 */
import { loadConfig } from '../../../server/config';
import { findEmployeeById, insertEmployee } from '../../../server/db/queries/employees';
import type { Store } from '../../../server/db/store';
import { toEmployee } from '../../../server/directory/sql-directory';
import { hashSecret } from '../../../server/crypto/argon2';
import { createLogger } from '../../../server/logger';
import { createServices } from '../../../server/services';
import { SoftAuthenticator } from '../../server/support/soft-authenticator';

export const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

export interface SeededPhone {
  userId: string;
  /** `__Host-sesame-device=…`: the phone app's credential. */
  deviceCookie: string;
  authenticator: SoftAuthenticator;
}

/** Employees per transaction, and enrolments in flight at once (SQLite commits concurrent writers together). */
const BATCH = 500;
const IN_FLIGHT = 32;

export async function seedPhones(store: Store, env: Record<string, string>, count: number): Promise<SeededPhone[]> {
  const config = loadConfig({ ...process.env, ...env, LOG_LEVEL: 'silent' });
  const services = createServices(config, store, createLogger('silent'));
  const passwordHash = await hashSecret('bench-employee-password-2026');
  const at = new Date();
  const ids: string[] = [];
  for (let start = 0; start < count; start += BATCH) {
    await store.write(async (w) => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const id = crypto.randomUUID();
        ids.push(id);
        const userId = `a${String(i).padStart(6, '0')}`;
        await insertEmployee(w, {
          id,
          userId,
          employeeId: `E-${userId}`,
          displayName: `Approver ${i}`,
          preferredLanguage: 'en',
          passwordHash,
          roles: ['employee'],
          mustChangePassword: false,
          disabled: false,
          createdAt: at,
          updatedAt: at,
        });
      }
    });
  }

  const phones: SeededPhone[] = new Array<SeededPhone>(count);
  let next = 0;
  const enrolOne = async (i: number) => {
    const row = await findEmployeeById(store, ids[i] ?? '');
    if (!row) throw new Error(`seeded employee ${i} is missing`);
    const employee = toEmployee(row);
    const authenticator = new SoftAuthenticator({ origin: config.origin });
    const { options } = await services.deviceEnrolment.registrationOptions({ employee }, PHONE_UA);
    const registration = authenticator.register(options as unknown as Parameters<SoftAuthenticator['register']>[0]);
    const added = await services.deviceEnrolment.add({
      signedIn: { employee },
      name: 'Bench phone',
      language: 'en',
      registration: registration as Parameters<typeof services.deviceEnrolment.add>[0]['registration'],
      context: { ip: '127.0.0.1', userAgent: PHONE_UA },
    });
    if (!added.ok) throw new Error(`enrolling phone ${i}: ${added.reason}`);
    phones[i] = { userId: employee.userId, deviceCookie: `__Host-sesame-device=${added.credentialToken}`, authenticator };
  };
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let i = next++; i < count; i = next++) await enrolOne(i);
    }),
  );
  // The audit trail's last checkpoint, as a server writes it when it stops.
  await services.audit.stop();
  return phones;
}
