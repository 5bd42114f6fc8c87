import { readFileSync } from 'node:fs';
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

/**
 * The first paint waits for what blocks rendering: on a slow network each stylesheet or classic
 * script is one more round trip after the HTML (issue 7, item 16). The built document carries
 * the stylesheet (a few kilobytes) and `first-screen.js` inline instead, so the first screen
 * paints with the HTML alone. The CSP allows them by their hashes, which the server reads from
 * the built document (`server/http/inline-sources.ts`); in `npm run dev` both stay files.
 */
function firstScreenInline(): Plugin {
  return {
    name: 'sesame-first-screen-inline',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['index.html'];
      if (page?.type !== 'asset' || typeof page.source !== 'string') throw new Error('index.html is missing from the build');
      let html = page.source;
      for (const link of html.match(/<link rel="stylesheet"[^>]*>/g) ?? []) {
        const href = /href="\/([^"]+)"/.exec(link)?.[1];
        const sheet = href ? bundle[href] : undefined;
        if (!href || sheet?.type !== 'asset') throw new Error(`stylesheet ${link} is not in the build`);
        html = html.replace(link, () => `<style>${String(sheet.source).trim()}</style>`);
        delete bundle[href];
      }
      // Vite leaves this script alone (`vite-ignore` in index.html) and drops the attribute.
      const script = /<script\s+src="\/first-screen\.js"\s*><\/script>/;
      if (!script.test(html)) throw new Error('index.html no longer loads first-screen.js');
      const source = readFileSync(new URL('./client/first-screen.js', import.meta.url), 'utf8').trim();
      page.source = html.replace(script, () => `<script>${source}</script>`);
    },
  };
}

/**
 * The built document asks for no script before the first screen has painted: on a slow network
 * the entry, its modules and the manifest would compete with the document itself. It names them
 * instead, in `<meta name="sesame-app">`, and `first-screen.js` asks for them all at once after
 * that paint: the entry (`content`), every module the entry imports to show the first screen
 * (`data-modules`: the modules its imports need statically, not the screens loaded on demand
 * nor the French texts), so that its imports in slices (`client/main.ts`) cost no round trip
 * each, and the web app manifest (`data-manifest`).
 */
function appStartedAfterFirstPaint(): Plugin {
  return {
    name: 'sesame-app-started-after-first-paint',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['index.html'];
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      if (page?.type !== 'asset' || typeof page.source !== 'string' || entry?.type !== 'chunk') throw new Error('no entry in the build');
      const modules = new Set<string>();
      const add = (fileName: string) => {
        const chunk = bundle[fileName];
        if (modules.has(fileName) || chunk?.type !== 'chunk') return;
        modules.add(fileName);
        chunk.imports.forEach(add);
      };
      entry.imports.forEach(add);
      entry.dynamicImports.forEach(add);
      let html = page.source;
      const taken = (pattern: RegExp) => {
        const found = [...html.matchAll(pattern)];
        if (found.length === 0) throw new Error(`index.html has no ${pattern}`);
        for (const [tag] of found) html = html.replace(tag, '');
        return found.map((match) => match[1] ?? '');
      };
      const [script] = taken(/\s*<script type="module" crossorigin src="([^"]+)"><\/script>/g);
      taken(/\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g);
      const [manifest] = taken(/\s*<link rel="manifest" href="([^"]+)">/g);
      const list = [...modules].map((file) => `/${file}`).join(' ');
      const meta = `<meta name="sesame-app" content="${script}" data-modules="${list}" data-manifest="${manifest}" />`;
      // Before first-screen.js, which reads it.
      page.source = html.replace(/(\s*)<script>/, (match: string, space: string) => `${space}${meta}${match}`);
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
    firstScreenInline(),
    appStartedAfterFirstPaint(),
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
