/**
 * The phone's IndexedDB database, by name, and whether this browser has one — asked without
 * opening it: opening would create it in every browser that shows the sign-in screen, and the
 * store's module (with `idb`) would weigh on every first screen. Only a browser that has the
 * database loads the store to read the key.
 */
export const DEVICE_DATABASE = 'sesame-device';

export async function mayHoldDeviceKey(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  // Browsers without `databases()` (older Firefox) cannot tell: the store itself is asked.
  if (typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((database) => database.name === DEVICE_DATABASE);
  } catch {
    return true;
  }
}
