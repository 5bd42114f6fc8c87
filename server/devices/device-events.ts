/**
 * The `devices` event channel: published in the transaction of every change to an employee's
 * devices (added, renamed, removed), delivered after commit to every instance. It only wakes a
 * listener, which re-reads the database: the push sender (to tell the employee's other devices
 * that one was added) and any open screen showing the list.
 */
import type { Store, Writer } from '../db/store';

export const DEVICES_CHANNEL = 'devices';

export interface DeviceChange {
  change: 'added' | 'renamed' | 'removed';
  employeeId: string;
  deviceId: string;
}

export function publishDeviceChange(store: Store, w: Writer, change: DeviceChange): Promise<void> {
  return store.events.publish(w, DEVICES_CHANNEL, change);
}
