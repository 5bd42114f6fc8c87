/** A device's default name, from the platform the server read in its user agent, in the page's language. */
import { msg } from '@lit/localize';
import type { DevicePlatform } from '../../shared/device-schemas';

export function defaultDeviceName(platform: DevicePlatform): string {
  switch (platform) {
    case 'android':
      return msg('Android phone');
    case 'iphone':
      return msg('iPhone');
    case 'ipad':
      return msg('iPad');
    case 'windows':
      return msg('Windows computer');
    case 'macos':
      return msg('Mac');
    case 'chromeos':
      return msg('Chromebook');
    case 'linux':
      return msg('Linux computer');
    case 'other':
      return msg('Mobile device');
  }
}
