/* global document, location */
// Runs before the body is parsed, so that the first screen's markup served with the HTML shows in
// the page's language at the first paint, and starts the app once that paint is on the screen.
// The build writes it inline into index.html (no round trip before the paint), allowed by its
// hash in the CSP (server/http/inline-sources.ts).
(function () {
  var root = document.documentElement;

  // The page's language, by the rule of client/i18n/language.ts (the choice saved on this device,
  // else the browser's first English or French preference, else English), which then takes over.
  // The saved choice is read from the cookie that language.ts keeps beside localStorage: reading
  // localStorage here would open the browser's storage before the first paint (50 ms and more on
  // a phone).
  var language = null;
  var saved = /(?:^|;\s*)sesame_language=(en|fr)(?:;|$)/.exec(document.cookie);
  if (saved) language = saved[1];
  var preferences = navigator.languages || [navigator.language || ''];
  for (var i = 0; !language && i < preferences.length; i++) {
    var primary = String(preferences[i]).toLowerCase().split('-')[0];
    if (primary === 'en' || primary === 'fr') language = primary;
  }
  root.lang = language || 'en';
  // The markup is the sign-in screen's: only "/" starts there (other paths wait for the app).
  var firstScreen = location.pathname === '/';
  if (firstScreen) root.setAttribute('data-first-screen', 'sign-in');

  // The app. The built document names its entry, the modules the entry imports to show the
  // first screen, and the web app manifest (<meta name="sesame-app">, vite.config.ts): asked for
  // only once the first screen has painted, all at once, so that on a slow network nothing
  // competes with the document before that paint. In `npm run dev` the entry is a script tag.
  var app = document.querySelector('meta[name="sesame-app"]');
  if (!app) return;
  var started = false;
  function add(attributes, tag) {
    var element = document.createElement(tag || 'link');
    for (var name in attributes) element.setAttribute(name, attributes[name]);
    document.head.appendChild(element);
  }
  function start() {
    if (started) return;
    started = true;
    var modules = (app.getAttribute('data-modules') || '').split(' ');
    for (var m = 0; m < modules.length; m++) if (modules[m]) add({ rel: 'modulepreload', crossorigin: '', href: modules[m] });
    add({ rel: 'manifest', href: app.getAttribute('data-manifest') });
    add({ type: 'module', crossorigin: '', src: app.getAttribute('content') }, 'script');
  }
  // The first contentful paint is reported once the frame is on the screen. A hidden tab paints
  // nothing, and the timer bounds the wait; on other paths there is nothing of ours to paint.
  var observes = typeof PerformanceObserver === 'function' && (PerformanceObserver.supportedEntryTypes || []).indexOf('paint') >= 0;
  if (!firstScreen || !observes || document.visibilityState === 'hidden') return start();
  new PerformanceObserver(function (entries, observer) {
    if (entries.getEntriesByName('first-contentful-paint').length === 0) return;
    observer.disconnect();
    start();
  }).observe({ type: 'paint', buffered: true });
  setTimeout(start, 1000);
})();
