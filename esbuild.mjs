// Bundles the three entry points. VS Code loads an extension's `main` as CommonJS, and
// remark/unified/@octokit are ESM-only, so everything is bundled to CJS for Node.
import * as esbuild from 'esbuild';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const quiet = args.has('--quiet');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // production builds (the .vsix) are minified, with sourcemaps written beside the bundles and
  // left out of the package by .vscodeignore; dev builds keep names for readable stack traces
  minify: production,
  sourcemap: production ? 'external' : 'linked',
  logLevel: quiet ? 'warning' : 'info',
  legalComments: 'none',
};

// client.cjs (the extension's main) is small so that activation is quick; languageClient.cjs
// (vscode-languageclient) is loaded by it once activate has returned
await Promise.all([
  esbuild.build({ ...common, entryPoints: { client: 'client/src/extension.ts', languageClient: 'client/src/languageClient.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' }, external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cliMain.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' }, banner: { js: '#!/usr/bin/env node' } }),
]);
