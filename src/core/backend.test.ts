import { afterAll, describe, expect, it } from 'vitest';
import { getBackend, setBackend, useBackend } from './backend.js';

afterAll(() => setBackend('js'));

describe('the backend switch', () => {
  it('uses the WebAssembly kernels when they load, and says so', async () => {
    expect(await useBackend()).toBe('wasm');
    expect(getBackend()).toBe('wasm');
    expect(await useBackend('js')).toBe('js');
  });

  it('rejects an unknown backend name', async () => {
    await expect(setBackend('gpu' as 'js')).rejects.toThrow(/backend must be 'js' or 'wasm'/);
  });
});
