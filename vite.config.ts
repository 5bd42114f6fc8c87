import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The PWA is built from client/ into dist/client, which the server serves.
export default defineConfig({
  root: 'client',
  publicDir: '../public',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `npm run dev`: the page from Vite, the API from a server started on 8080.
    proxy: { '/api': 'http://localhost:8080' },
  },
  plugins: [
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
