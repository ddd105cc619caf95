import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { META_CSP } from './electron/host/csp.ts';

// The renderer only. Main, preload and the CLI are bundled for Node by scripts/build.mjs.
export default defineConfig({
  root: 'renderer',
  // Relative asset URLs: the desktop window loads the page from a file, `wxdesk serve` from `/`.
  base: './',
  plugins: [
    react(),
    // The built page carries the one policy (electron/csp.ts) as a <meta> tag too, for any host
    // that would serve it without the header.
    {
      name: 'wxdesk-csp',
      apply: 'build',
      transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP }, injectTo: 'head-prepend' }],
    },
  ],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // No preload map: a tab's chunk fetches what it imports itself. The page is served from this
    // machine (or a file in the desktop), so the extra round trip costs nothing, while the map of
    // every chunk's dependencies (and its helper) cost the first page about 0.5 kB gzip.
    modulePreload: false,
  },
});
