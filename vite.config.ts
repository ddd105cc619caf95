import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer only. Main, preload and the CLI are bundled for Node by scripts/build.mjs.
export default defineConfig({
  root: 'renderer',
  // Relative asset URLs: the desktop window loads the page from a file, `wxdesk serve` from `/`.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
