/**
 * The platform a device is enrolled from, read from its user agent, for its default name
 * ("Android phone", "iPhone", "Windows computer"; the page words it in its language). The same
 * ordered-table approach as profile/user-agent-name.ts: Android also says "Linux", iPadOS 13+
 * says "Macintosh" (told apart by a touch screen only the page can see, so a Mac it stays).
 */
import type { DevicePlatform } from '../../shared/device-schemas';

const PLATFORMS: ReadonlyArray<[RegExp, DevicePlatform]> = [
  [/\bAndroid\b/, 'android'],
  [/\b(iPhone|iPod)\b/, 'iphone'],
  [/\biPad\b/, 'ipad'],
  [/\bWindows\b/, 'windows'],
  [/\bCrOS\b/, 'chromeos'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macos'],
  [/\bLinux\b/, 'linux'],
];

export function devicePlatform(userAgent: string): DevicePlatform {
  return PLATFORMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'other';
}
