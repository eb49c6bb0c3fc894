import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';

// The explorer is built into web/dist and served by `tegum serve`; relative asset
// paths let the built files open from any base path.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  plugins: [
    // The service worker (dist/sw.js) from Workbox: it precaches every file of the build
    // (the workers and the WebAssembly kernels too) under content hashes, so every view
    // works offline once loaded, and removes the caches of older builds when it activates.
    // web/src/main.ts registers it.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: false,
      filename: 'sw.js',
      workbox: {
        globPatterns: ['**/*.{html,js,css,wasm,svg,png,json}'],
        // The WebAssembly kernels and the bundled app exceed Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
});
