/**
 * What signing in with a mobile device reads and spends: the devices' offline-code keys and last
 * accepted steps, and the passkeys with their signature counters. Only unrevoked devices count.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Reader, Writer } from '../store';

export interface DeviceWithSecret {
  id: string;
  name: string;
  totpSecret: string;
  totpLastStep: number | null;
}

export async function activeDevicesWithSecrets(r: Reader, employeeId: string): Promise<DeviceWithSecret[]> {
  const t = r.t.mobileDevices;
  return r.db
    .select({ id: t.id, name: t.name, totpSecret: t.totpSecret, totpLastStep: t.totpLastStep })
    .from(t)
    .where(and(eq(t.employeeId, employeeId), isNull(t.revokedAt)))
    .orderBy(t.createdAt, t.id);
}

export async function hasActiveDevice(r: Reader, employeeId: string): Promise<boolean> {
  const t = r.t.mobileDevices;
  const [row] = await r.db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.employeeId, employeeId), isNull(t.revokedAt)))
    .limit(1);
  return row !== undefined;
}

/**
 * Accepts offline-code step `step` for the device: only if the device is still unrevoked and no
 * step as late was accepted before (one conditional update, so two requests with one code cannot
 * both pass). Marks the device used.
 */
export async function spendTotpStep(w: Writer, deviceId: string, step: number, now: Date): Promise<boolean> {
  const t = w.t.mobileDevices;
  const spent = await w.db
    .update(t)
    .set({ totpLastStep: step, lastUsedAt: now })
    .where(and(eq(t.id, deviceId), isNull(t.revokedAt), or(isNull(t.totpLastStep), lt(t.totpLastStep, step))))
    .returning({ id: t.id });
  return spent.length === 1;
}

export interface ActivePasskey {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  employeeId: string;
  deviceId: string;
  deviceName: string;
}

/** The passkey `credentialId` if its device is enrolled and unrevoked, else null. */
export async function findActivePasskey(r: Reader, credentialId: string): Promise<ActivePasskey | null> {
  const p = r.t.devicePasskeys;
  const d = r.t.mobileDevices;
  const [row] = await r.db
    .select({
      credentialId: p.credentialId,
      publicKey: p.publicKey,
      counter: p.counter,
      transports: p.transports,
      employeeId: p.employeeId,
      deviceId: d.id,
      deviceName: d.name,
    })
    .from(p)
    .innerJoin(d, eq(d.id, p.deviceId))
    .where(and(eq(p.credentialId, credentialId), isNull(d.revokedAt)));
  return row ?? null;
}

/**
 * Stores the counter of a verified assertion, only if the stored one is still `seen` (another
 * assertion verified meanwhile loses), and marks the passkey and its device used.
 */
export async function advancePasskeyCounter(
  w: Writer,
  passkey: Pick<ActivePasskey, 'credentialId' | 'deviceId'>,
  seen: number,
  counter: number,
  now: Date,
): Promise<boolean> {
  const p = w.t.devicePasskeys;
  const advanced = await w.db
    .update(p)
    .set({ counter, lastUsedAt: now })
    .where(and(eq(p.credentialId, passkey.credentialId), eq(p.counter, seen)))
    .returning({ id: p.credentialId });
  if (advanced.length !== 1) return false;
  const d = w.t.mobileDevices;
  const device = await w.db
    .update(d)
    .set({ lastUsedAt: now })
    .where(and(eq(d.id, passkey.deviceId), isNull(d.revokedAt)))
    .returning({ id: d.id });
  return device.length === 1;
}
