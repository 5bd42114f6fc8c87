/** The device passkeys as an approval uses them: which ones may sign, and their counters. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Reader, Writer } from '../store';
import type { DevicePasskeyRow } from './mobile-devices';

/** The passkeys of one device (the approval's allow list). */
export async function passkeysOfDevice(r: Reader, deviceId: string): Promise<DevicePasskeyRow[]> {
  const t = r.t.devicePasskeys;
  return r.db.select().from(t).where(eq(t.deviceId, deviceId));
}

/** The passkey `credentialId`, only if its device is enrolled and unrevoked. */
export async function findActivePasskey(r: Reader, credentialId: string): Promise<DevicePasskeyRow | null> {
  const p = r.t.devicePasskeys;
  const d = r.t.mobileDevices;
  const [row] = await r.db
    .select({ passkey: p })
    .from(p)
    .innerJoin(d, eq(d.id, p.deviceId))
    .where(and(eq(p.credentialId, credentialId), isNull(d.revokedAt)));
  return row?.passkey ?? null;
}

export async function recordPasskeyUse(w: Writer, credentialId: string, counter: number, now: Date): Promise<void> {
  const t = w.t.devicePasskeys;
  await w.db.update(t).set({ counter, lastUsedAt: now }).where(eq(t.credentialId, credentialId));
}
