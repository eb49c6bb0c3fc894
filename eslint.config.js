// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'out/',
      'node_modules/',
      'coverage/',
      'build/',
      'web/dist/',
      'test-artifacts/',
      'assembly/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Layers import downward only (docs/ARCHITECTURE.md §7): the figures and the report sit below
    // the experiments that call them.
    files: ['src/viz/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/experiments/*'], message: 'src/viz never imports src/experiments' },
          ],
        },
      ],
    },
  },
  {
    // Sweeps plan and run jobs below the named experiments, which may call them; what
    // both need (run identity, atomic writes) lives in src/core.
    files: ['src/sweep/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/experiments/*'], message: 'src/sweep never imports src/experiments' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['web/public/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
);
