/** Entry point: the language first (so the first screen is already in it), then the app. */
import { initialLanguage } from './i18n/language';

/**
 * Resolves once the browser has painted the first screen's markup served with the HTML, so
 * that evaluating the app's modules (long on a slow phone) does not hold that paint back. The
 * timer covers documents that are not being rendered (a background tab runs no frames).
 */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });
}

await afterFirstPaint();
await initialLanguage();
await import('./app/sesame-app');
