import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Reader, Writer } from '../store';
import type { Tables } from '../store';

export type MobileDeviceRow = Tables['mobileDevices']['$inferSelect'];
export type DevicePasskeyRow = Tables['devicePasskeys']['$inferSelect'];
export type PushSubscriptionRow = Tables['pushSubscriptions']['$inferSelect'];

/** A device as its owner's list shows it. */
export interface ListedDevice {
  id: string;
  name: string;
  platform: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  notifications: boolean;
}

export async function insertDevice(w: Writer, device: MobileDeviceRow, passkey: DevicePasskeyRow): Promise<void> {
  await w.db.insert(w.t.mobileDevices).values(device);
  await w.db.insert(w.t.devicePasskeys).values(passkey);
}

/** The enrolled, unrevoked device whose credential cookie hashes to `credentialHash`. */
export async function findActiveDeviceByCredential(r: Reader, credentialHash: string): Promise<MobileDeviceRow | null> {
  const t = r.t.mobileDevices;
  const [row] = await r.db
    .select()
    .from(t)
    .where(and(eq(t.credentialHash, credentialHash), isNull(t.revokedAt)));
  return row ?? null;
}

/** The employee's unrevoked device `id`, or null (another employee's device is not found). */
export async function findActiveDevice(r: Reader, employeeId: string, id: string): Promise<MobileDeviceRow | null> {
  const t = r.t.mobileDevices;
  const [row] = await r.db
    .select()
    .from(t)
    .where(and(eq(t.id, id), eq(t.employeeId, employeeId), isNull(t.revokedAt)));
  return row ?? null;
}

/** The employee's unrevoked devices, oldest first, with whether each can receive notifications. */
export async function listDevices(r: Reader, employeeId: string): Promise<ListedDevice[]> {
  const d = r.t.mobileDevices;
  const rows = await r.db
    .select({ id: d.id, name: d.name, platform: d.platform, createdAt: d.createdAt, lastUsedAt: d.lastUsedAt })
    .from(d)
    .where(and(eq(d.employeeId, employeeId), isNull(d.revokedAt)))
    .orderBy(d.createdAt, d.id);
  if (rows.length === 0) return [];
  const p = r.t.pushSubscriptions;
  const subscribed = await r.db
    .select({ deviceId: p.deviceId })
    .from(p)
    .where(
      inArray(
        p.deviceId,
        rows.map((row) => row.id),
      ),
    );
  const withPush = new Set(subscribed.map((s) => s.deviceId));
  return rows.map((row) => ({ ...row, notifications: withPush.has(row.id) }));
}

/** The credential ids of the employee's unrevoked devices' passkeys (the registration's exclude list). */
export async function passkeyIdsOf(r: Reader, employeeId: string): Promise<Array<{ credentialId: string; transports: string[] }>> {
  const t = r.t.devicePasskeys;
  return r.db.select({ credentialId: t.credentialId, transports: t.transports }).from(t).where(eq(t.employeeId, employeeId));
}

export async function renameDevice(w: Writer, employeeId: string, id: string, name: string): Promise<MobileDeviceRow | null> {
  const t = w.t.mobileDevices;
  const [row] = await w.db
    .update(t)
    .set({ name })
    .where(and(eq(t.id, id), eq(t.employeeId, employeeId), isNull(t.revokedAt)))
    .returning();
  return row ?? null;
}

/**
 * Revokes the device: its credential cookie no longer resolves, and its passkeys and push
 * subscription are deleted, so nothing it holds works any more. The row stays (revoked) so
 * that the audit trail's device names and ids keep pointing at something.
 */
export async function revokeDevice(w: Writer, employeeId: string, id: string, now: Date): Promise<MobileDeviceRow | null> {
  const t = w.t.mobileDevices;
  const [row] = await w.db
    .update(t)
    .set({ revokedAt: now })
    .where(and(eq(t.id, id), eq(t.employeeId, employeeId), isNull(t.revokedAt)))
    .returning();
  if (!row) return null;
  await w.db.delete(w.t.devicePasskeys).where(eq(w.t.devicePasskeys.deviceId, id));
  await w.db.delete(w.t.pushSubscriptions).where(eq(w.t.pushSubscriptions.deviceId, id));
  return row;
}

export async function touchDevice(w: Writer, id: string, now: Date): Promise<void> {
  await w.db.update(w.t.mobileDevices).set({ lastUsedAt: now }).where(eq(w.t.mobileDevices.id, id));
}

/** Saves (or replaces) the device's one push subscription. */
export async function savePushSubscription(w: Writer, subscription: PushSubscriptionRow): Promise<void> {
  const t = w.t.pushSubscriptions;
  const { deviceId: _deviceId, ...rest } = subscription;
  await w.db.insert(t).values(subscription).onConflictDoUpdate({ target: t.deviceId, set: rest });
}
