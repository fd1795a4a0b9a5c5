// Runs the editor tests in a real VS Code downloaded by @vscode/test-electron.
// Needs internet (the download); the offline CI runs the code-server e2e instead.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const workspace = mkdtempSync(join(tmpdir(), 'diligence-vscode-'));
cpSync(join(root, 'examples', 'acme-incubation-due-diligence.md'), join(workspace, 'acme-incubation-due-diligence.md'));

// The suite is TypeScript (type-checked with the rest); VS Code loads CommonJS.
const suite = join(root, 'dist', 'test', 'vscode-suite.cjs');
await esbuild.build({ entryPoints: [join(here, 'suite', 'index.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning' });

try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error('VS Code tests failed:', e);
  process.exit(1);
}
