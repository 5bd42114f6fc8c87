/**
 * Entry point: the language first (so the first screen is already in it), then the app. Nothing
 * is imported statically: what this module needs is evaluated after the first paint, so the
 * paint waits for this small file alone (issue 7, item 16).
 */

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

// A module (top-level await) with nothing to export.
export {};

await afterFirstPaint();
const { initialLanguage } = await import('./i18n/language');
await initialLanguage();
await import('./app/sesame-app');
