// Lint rules, including the layering of DESIGN.md: code is split by where it
// runs, and a layer imports only what its runtime allows.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'http',
  'worker_threads',
];
const noImports = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      '**/release/**',
      'artifacts/**',
      '**/drizzle/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['packages/shared/**', 'packages/crdt-model/**'],
    ignores: ['**/*.test.ts', '**/*.bench.ts'],
    rules: noImports(
      [
        ...nodeBuiltins,
        'electron',
        'react',
        'react-dom',
        'ws',
        'better-sqlite3',
        '@fieldbook/sync-server',
        '@fieldbook/desktop',
      ],
      'shared and crdt-model run everywhere: no IO, no Node, no React, no apps.',
    ),
  },
  {
    files: ['packages/**'],
    rules: noImports(
      ['@fieldbook/sync-server', '@fieldbook/desktop', 'electron'],
      'packages never import an app.',
    ),
  },
  {
    files: ['apps/desktop/src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: noImports(
      [...nodeBuiltins, 'electron', 'better-sqlite3', '**/node/**', '**/electron-main/**'],
      'The renderer runs in a browser: reach main only through the preload bridge.',
    ),
  },
  {
    files: [
      'apps/desktop/src/node/**',
      'apps/desktop/src/common/**',
      'apps/sync-server/**',
      'packages/agent/**',
      'bench/**',
    ],
    rules: noImports(
      ['electron'],
      'Only apps/desktop/src/electron-main and preload import electron (Node tests cannot load it).',
    ),
  },
  {
    files: ['bench/**', '**/scripts/**', '**/cli/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
