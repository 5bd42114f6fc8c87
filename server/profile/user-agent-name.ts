/**
 * The browser and system a user agent names, for "Recent activity" ("Chrome on Android"). A
 * small ordered table rather than a library: ua-parser-js 2.x is AGPL and bowser ships far more
 * than these few families. Order matters — Edge, Opera and Samsung Internet also say "Chrome",
 * and Chrome also says "Safari". Unknown agents get null, and the page shows only what is known.
 */
export interface UserAgentName {
  browser: string | null;
  system: string | null;
}

const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|HeadlessChrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\bAndroid\b/, 'Android'],
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

function first(table: ReadonlyArray<[RegExp, string]>, userAgent: string): string | null {
  return table.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
}

export function nameUserAgent(userAgent: string): UserAgentName {
  return { browser: first(BROWSERS, userAgent), system: first(SYSTEMS, userAgent) };
}
