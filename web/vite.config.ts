import { defineConfig } from 'vite';
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
});
