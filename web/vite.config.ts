import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * Writes assets.json, the list of every file the build emits (the workers and the
 * WebAssembly kernels included, which index.html does not name), so that the service
 * worker can cache them all on install and every view works offline.
 */
function assetList(): Plugin {
  return {
    name: 'tegum-asset-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f.startsWith('assets/') && !f.endsWith('.map'))
        .sort();
      this.emitFile({ type: 'asset', fileName: 'assets.json', source: JSON.stringify(files) });
    },
  };
}

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
  plugins: [assetList()],
});
