/**
 * My Profile → Mobile devices: the list, renaming and removing. Every change is audited in its
 * own transaction and published on the `devices` channel. Another employee's device is simply
 * not found (null), never told apart from a device that does not exist.
 */
import type { DeviceItem, DevicePlatform } from '../../shared/device-schemas';
import { recordInTransaction, type RequestContext } from '../audit/audit-trail';
import type { Clock } from '../clock';
import { listDevices, renameDevice, revokeDevice, savePushSubscription, type ListedDevice } from '../db/queries/mobile-devices';
import type { Store } from '../db/store';
import type { CurrentDevice } from './device-credential';
import { publishDeviceChange } from './device-events';

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface DeviceManagement {
  list(employeeId: string, currentDeviceId: string | null): Promise<DeviceItem[]>;
  rename(employeeId: string, id: string, name: string, context: RequestContext): Promise<DeviceItem | null>;
  /** Revokes the device; false when the employee has no such device. */
  remove(employeeId: string, id: string, context: RequestContext): Promise<boolean>;
  /** The device's push subscription, made on the device after enrolment (replaces an earlier one). */
  savePushSubscription(device: CurrentDevice, subscription: PushSubscriptionInput): Promise<void>;
}

export function toDeviceItem(device: ListedDevice, currentDeviceId: string | null): DeviceItem {
  return {
    id: device.id,
    name: device.name,
    platform: device.platform as DevicePlatform,
    createdAt: device.createdAt.toISOString(),
    lastUsedAt: device.lastUsedAt?.toISOString() ?? null,
    notifications: device.notifications,
    thisDevice: device.id === currentDeviceId,
  };
}

export function createDeviceManagement({ store, now }: { store: Store; now: Clock }): DeviceManagement {
  return {
    async list(employeeId, currentDeviceId) {
      return (await listDevices(store, employeeId)).map((d) => toDeviceItem(d, currentDeviceId));
    },

    async rename(employeeId, id, name, context) {
      const at = now();
      const renamed = await store.write(async (w) => {
        const before = (await listDevices(w, employeeId)).find((d) => d.id === id);
        if (!before) return null;
        const row = await renameDevice(w, employeeId, id, name);
        if (!row) return null;
        if (before.name !== name) {
          await recordInTransaction(w, at, context, {
            type: 'device_renamed',
            outcome: 'success',
            actorId: employeeId,
            subjectId: employeeId,
            details: { deviceId: id, device: name, previousName: before.name },
          });
          await publishDeviceChange(store, w, { change: 'renamed', employeeId, deviceId: id });
        }
        return { ...before, name };
      });
      return renamed ? toDeviceItem(renamed, null) : null;
    },

    async remove(employeeId, id, context) {
      const at = now();
      return store.write(async (w) => {
        const row = await revokeDevice(w, employeeId, id, at);
        if (!row) return false;
        await recordInTransaction(w, at, context, {
          type: 'device_removed',
          outcome: 'success',
          actorId: employeeId,
          subjectId: employeeId,
          details: { deviceId: id, device: row.name },
        });
        await publishDeviceChange(store, w, { change: 'removed', employeeId, deviceId: id });
        return true;
      });
    },

    async savePushSubscription(device, subscription) {
      await store.write((w) =>
        savePushSubscription(w, {
          deviceId: device.id,
          employeeId: device.employeeId,
          endpoint: subscription.endpoint,
          p256dh: subscription.keys.p256dh,
          auth: subscription.keys.auth,
          createdAt: now(),
        }),
      );
    },
  };
}
