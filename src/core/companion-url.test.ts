import { describe, expect, it } from 'vitest';
import { companionUrl } from './companion-url.js';

describe('companionUrl', () => {
  it('points a caller under src/ at the same file under dist/', () => {
    expect(companionUrl('./pool-worker.js', 'file:///repo/src/core/worker-pool.ts').href).toBe(
      'file:///repo/dist/core/pool-worker.js',
    );
  });
  it('keeps a built caller’s neighbour', () => {
    expect(companionUrl('./toy-chunk.js', 'file:///repo/dist/toy/train-toy-parallel.js').href).toBe(
      'file:///repo/dist/toy/toy-chunk.js',
    );
  });
  it('rewrites only the last src/ segment of the path', () => {
    expect(companionUrl('./k.wasm', 'file:///home/src/tegum/src/core/wasm-kernels.ts').href).toBe(
      'file:///home/src/tegum/dist/core/k.wasm',
    );
  });
});
