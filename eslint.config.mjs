// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

const nodeBuiltins = ['fs', 'path', 'http', 'https', 'net', 'dns', 'tls', 'os', 'child_process', 'url', 'zlib', 'stream', 'crypto', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'action/main.cjs', 'packages/*/dist/**', 'node_modules/**', 'test/e2e/.work/**', '**/*.vsix', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Flags super-linear (ReDoS-prone) expressions statically: documents and repositories are
  // written by others, and one slow expression on a long line freezes the server.
  {
    files: ['**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-dupe-disjunctions': 'error',
      'regexp/no-empty-alternative': 'error',
      'regexp/no-misleading-unicode-character': 'error',
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    // The fuzz tests keep the old super-linear expressions on purpose: they are the differential
    // oracles the linear scans are compared with.
    files: ['test/fuzz/**/*.ts'],
    rules: { 'regexp/no-super-linear-backtracking': 'off', 'regexp/no-super-linear-move': 'off' },
  },
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
    // What the browser bundles hold (dist/browser/: the core, the handlers, the web and browser
    // host layers, the client but its desktop entry) uses no Node global;
    // test/browser/bundle.test.ts checks the bundles themselves.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'shared/**/*.ts'],
    ignores: ['server/src/node/**', 'server/src/cli/**', 'server/src/action/**', 'server/src/cli.ts', 'server/src/cliMain.ts', 'server/src/actionMain.ts', 'server/src/server.ts', 'client/src/extension.ts', 'client/src/activate.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'process', message: 'Not in the browser build: take it from the host (server/src/node/).' },
        { name: 'Buffer', message: 'Not in the browser build: Uint8Array, TextEncoder/TextDecoder, atob.' },
        { name: 'setImmediate', message: 'Not in the browser build: setTimeout, or the host\'s yieldToHost.' },
        { name: '__dirname', message: 'Not in the browser build.' },
      ],
    },
  },
  {
    // the same files outside the core (which has its own rule above): no Node built-in module
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'shared/**/*.ts'],
    ignores: ['server/src/service/**', 'server/src/node/**', 'server/src/cli/**', 'server/src/action/**', 'server/src/cli.ts', 'server/src/cliMain.ts', 'server/src/actionMain.ts', 'server/src/server.ts', 'client/src/extension.ts', 'client/src/activate.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode-languageserver/node', 'vscode-languageclient/node', ...nodeBuiltins],
        patterns: [{ group: ['node:*'], message: 'Not in the browser build: Node built-ins belong in server/src/node/ (or the desktop client entry).' }],
      }],
    },
  },
  {
    // Rooms stay small: see CONTRIBUTING.md for the files and functions kept over these sizes.
    files: ['server/src/**/*.ts'],
    rules: {
      'max-lines': ['warn', { max: 450, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 100, skipBlankLines: true, skipComments: true }],
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
