/**
 * Gzip size of the JavaScript a browser loads to show the sign-in screen, measured by loading
 * the built app in Chromium and compressing every script response. Goals: ≤ 40 KB, and ≤ 30 KB in
 * English since the mobile device joined the sign-in screen.
 */
import { screenJavaScript } from './support/screen-javascript';

export async function benchSignInBundle(): Promise<void> {
  const screens = await screenJavaScript([
    { label: 'Sign-in screen', path: '/', ready: { button: 'Continue' }, locale: 'en-CA' },
    { label: 'Sign-in screen', path: '/', ready: { button: 'Continuer' }, locale: 'fr-CA' },
  ]);
  for (const { label, locale, bytes, files, scripts } of screens) {
    process.stdout.write(
      `${label} JavaScript (${locale}): ${(bytes / 1024).toFixed(1)} KB gzip in ${files} files (goal ≤ ${locale === 'en-CA' ? 30 : 40} KB)\n` +
        [...scripts.entries()].map(([path, size]) => `  ${path}  ${(size / 1024).toFixed(1)} KB\n`).join(''),
    );
  }
}
