import { afterAll, describe, expect, it } from 'vitest';
import { gram } from './gram.js';
import { getBackend, setBackend, useBackend } from './backend.js';
import { loadNativeAddon } from './native-kernels.js';
import { NATIVE_REQUIRED, nativeLoads } from '../test-support/backends.js';

afterAll(() => setBackend('js'));

const native = await nativeLoads();

describe('the backend switch', () => {
  it('takes native under auto when its addon loads, WebAssembly otherwise, and says so', async () => {
    if (NATIVE_REQUIRED) expect(native).toBe(true);
    expect(await useBackend()).toBe(native ? 'native' : 'wasm');
    expect(await useBackend('auto')).toBe(getBackend());
    expect(await useBackend('wasm')).toBe('wasm');
    expect(await useBackend('js')).toBe('js');
  });

  it('refuses an explicit native backend that cannot load, and otherwise sets its threads', async () => {
    if (!native) {
      await expect(setBackend('native')).rejects.toThrow(/native backend not available/);
      return;
    }
    const addon = await loadNativeAddon();
    await setBackend('native', { threads: 2 });
    gram(new Float32Array(4), new Float32Array(4), 2, 2);
    expect(addon.getThreads()).toBe(2);
    await setBackend('native', { threads: 1 });
    gram(new Float32Array(4), new Float32Array(4), 2, 2);
    expect(addon.getThreads()).toBe(1);
  });

  it('rejects an unknown backend name', async () => {
    await expect(setBackend('gpu' as 'js')).rejects.toThrow(
      /backend must be one of 'auto', 'native', 'wasm', 'js'/,
    );
  });
});
