import { msg } from '@lit/localize';
import type { DevicePlatform } from '../../shared/device-schemas';

/** The name a new device starts with, from the platform the server read in its user agent (editable). */
export function defaultDeviceName(platform: DevicePlatform): string {
  switch (platform) {
    case 'android':
      return msg('Android phone');
    case 'iphone':
      return 'iPhone';
    case 'ipad':
      return 'iPad';
    case 'windows':
      return msg('Windows computer');
    case 'macos':
      return 'Mac';
    case 'chromeos':
      return 'Chromebook';
    case 'linux':
      return msg('Linux computer');
    case 'other':
      return msg('My phone');
  }
}
