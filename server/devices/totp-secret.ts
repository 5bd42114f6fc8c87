/**
 * Where a device's offline-code key is kept: `mobile_devices.totp_secret`, encrypted by the key
 * service under purpose `totp-secret`, its associated data naming the row — so a ciphertext
 * moved to another device's row does not decrypt. The offline-code check decrypts it with
 * `readTotpSecret`.
 */
import type { KeyService } from '../keys/key-service';

export function totpSecretAssociatedData(deviceId: string): string {
  return `mobile_devices:${deviceId}:totp_secret`;
}

/** The 20-byte HMAC-SHA-1 key of the device (RFC 6238), decrypted. Throws if the ciphertext was altered or moved. */
export function readTotpSecret(keys: KeyService, device: { id: string; totpSecret: string }): Buffer {
  return keys.decrypt('totp-secret', device.totpSecret, totpSecretAssociatedData(device.id));
}
