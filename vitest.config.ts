import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // Rebuild dist/ (and web/dist) when older than src/: worker and CLI tests load it.
    globalSetup: ['test/global-setup.ts'],
  },
});
