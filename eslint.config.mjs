// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'http', 'https', 'net', 'dns', 'tls', 'os', 'child_process', 'url', 'zlib', 'stream', 'crypto', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/e2e/.work/**', '**/*.vsix', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The pure core: no editor, no protocol connection, no Node built-ins. What it needs from
    // the outside comes in through the interfaces of createDiligenceService.
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'vscode-languageserver', 'vscode-languageserver/node', ...nodeBuiltins],
        patterns: [{ group: ['node:*'], message: 'The core must not use Node built-ins: take an interface instead.' }],
      }],
      'no-console': 'error',
    },
  },
  {
    // stdout carries the protocol: the server logs through the connection.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/cli.ts', 'server/src/cliMain.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly', global: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', describe: 'readonly', it: 'readonly', before: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
