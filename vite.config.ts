import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Vite puts the stylesheet after the entry script and its modulepreloads. The first screen's
 * paint waits for the stylesheet alone (issue 7, item 16): it goes first, so that the browser
 * asks for it before anything else.
 */
function stylesheetFirst(): Plugin {
  return {
    name: 'sesame-stylesheet-first',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const stylesheets = html.match(/<link rel="stylesheet"[^>]*>\s*/g) ?? [];
        const rest = stylesheets.reduce((page, link) => page.replace(link, ''), html);
        return rest.replace(/(\s*)<script/, (_match: string, space: string) => `${space}${stylesheets.join('').trim()}${space}<script`);
      },
    },
  };
}

// The PWA is built from client/ into dist/client, which the server serves.
export default defineConfig({
  root: 'client',
  publicDir: '../public',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    // Every browser of an es2022 target knows modulepreload; the polyfill would run before the
    // first paint for nothing.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev`: the page from Vite, the API from a server started on 8080.
    proxy: { '/api': 'http://localhost:8080' },
  },
  plugins: [
    stylesheetFirst(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        // A classic script, as registerSW registers it. The default ('es') makes the plugin pass
        // Rollup the deprecated `inlineDynamicImports`, which Vite 8 warns about at every build.
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      manifest: {
        id: '/',
        name: 'Sésame – Self-service password / Mot de passe en libre-service',
        short_name: 'Sésame',
        description: 'Reset your password and approve sign-ins. Réinitialisez votre mot de passe et approuvez les ouvertures de session.',
        lang: 'en',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f4f6f9',
        theme_color: '#1b4f9c',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
});
