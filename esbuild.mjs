// Bundles the three entry points. VS Code loads an extension's `main` as CommonJS, and
// remark/unified/@octokit are ESM-only, so everything is bundled to CJS for Node.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = new Set(process.argv.slice(2));
// --action[=FILE]: only the GitHub Action's bundle, to action/main.cjs (committed) or FILE
const actionArg = process.argv.slice(2).find((a) => a === '--action' || a.startsWith('--action='));
const production = args.has('--production');
const quiet = args.has('--quiet');

// mdast-util-from-markdown 2.1 gives each of its handlers a copy of its context, made per micromark
// event (`{...context, sliceSerialize}`): millions of short-lived objects on a folder of documents.
// The bundles give them the one context with sliceSerialize set before each call instead. The
// handlers (its own, remark-gfm's) call back synchronously and keep no `this`; the replacements
// are counted, so a changed library fails the build rather than losing it.
const fromMarkdownContext = {
  name: 'from-markdown-context',
  setup(build) {
    build.onLoad({ filter: /[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/ }, async (a) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(a.path, 'utf8');
      const copy = /\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}/g;
      const found = source.match(copy)?.length ?? 0;
      const declared = 'const context = {\n      stack: [tree],';
      if (found !== 3 || !source.includes(declared)) throw new Error(`mdast-util-from-markdown: expected 3 context copies and its context, found ${found}: review esbuild.mjs's from-markdown-context`);
      const contents = source
        .replace(copy, '(context.sliceSerialize = events[index][2].sliceSerialize, context)')
        .replace(declared, 'const context = {\n      sliceSerialize: undefined,\n      stack: [tree],');
      return { contents, loader: 'js' };
    });
  },
};

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
  plugins: [fromMarkdownContext],
};

// shared/protocol.ts builds its messages with vscode-languageserver-protocol. The client must get
// the copy vscode-languageclient uses (it may be another version than the server's): jsonrpc
// compares a message's parameter structure by identity, so a second copy's messages cannot be sent.
const require = createRequire(import.meta.url);
// (resolving from inside vscode-languageclient finds its own node_modules first)
const languageClientDir = dirname(require.resolve('vscode-languageclient/node'));
const clientsProtocol = {
  name: 'clients-protocol',
  setup(build) {
    build.onResolve({ filter: /^vscode-(languageserver-protocol|jsonrpc)(\/.*)?$/ }, (args) => ({ path: require.resolve(args.path, { paths: [languageClientDir] }) }));
  },
};

// client.cjs (the extension's main) is small so that activation is quick; languageClient.cjs
// (vscode-languageclient and everything that talks to the server) is loaded by it once activate
// has returned. Only languageClient.cjs may carry vscode-jsonrpc (one copy: see above).
// The action's bundle is committed (the runner runs it from the checkout of the action, with no
// install step): it is built only when asked, minified, without a sourcemap, so that the same
// sources always give the same bytes (test/action/bundle.test.ts compares them).
if (actionArg) {
  await esbuild.build({ ...common, minify: true, sourcemap: false, entryPoints: ['server/src/actionMain.ts'], outfile: actionArg.includes('=') ? actionArg.slice('--action='.length) : 'action/main.cjs' });
  process.exit(0);
}

// The command line is two bundles: dist/cli.cjs (cliMain.ts) holds only what answers a `check`
// from the results cache (cli/warm.ts); the analysis (cli.ts and the service) is dist/cli-core.cjs
// beside it, required when a run needs it (cli/loadCore.ts becomes that require here).
const coreBeside = {
  name: 'cli-core-beside',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]cli[\\/]loadCore\.ts$/ }, () => ({
      loader: 'js',
      contents: "const { createRequire } = require('node:module');\nconst { join } = require('node:path');\nexport function loadCore() { return Promise.resolve().then(() => createRequire(__filename)(join(__dirname, 'cli-core.cjs'))); }\n",
    }));
  },
};
const cliFront = { ...common, entryPoints: ['server/src/cliMain.ts'], banner: { js: '#!/usr/bin/env node' }, plugins: [coreBeside] };

// --cli-package: the npm package packages/cli (run by its prepack): the CLI alone, minified, with
// the license beside it; from any working folder
if (args.has('--cli-package')) {
  const root = dirname(fileURLToPath(import.meta.url));
  const pkg = join(root, 'packages', 'cli');
  const packaged = { absWorkingDir: root, minify: true, sourcemap: false };
  await esbuild.build({ ...cliFront, ...packaged, outfile: join(pkg, 'dist', 'cli.cjs') });
  await esbuild.build({ ...common, ...packaged, entryPoints: ['server/src/cli.ts'], outfile: join(pkg, 'dist', 'cli-core.cjs') });
  mkdirSync(pkg, { recursive: true });
  copyFileSync(join(root, 'LICENSE'), join(pkg, 'LICENSE'));
  process.exit(0);
}

// The browser build (vscode.dev, github.dev): the server in a web worker (an IIFE; micromark
// needs the `worker` condition, or it picks its DOM build) and the extension's `browser` main,
// from the same sources; only the host layers differ (server/src/browser/, client/src/browser*).
// test/browser/bundle.test.ts checks that no Node built-in or global is left in them.
const browser = { ...common, platform: 'browser', target: 'es2022', conditions: ['worker'] };
// the client's copy of the protocol, as for the desktop, through esbuild's resolver (the browser conditions)
const clientsProtocolBrowser = {
  name: 'clients-protocol-browser',
  setup(build) {
    build.onResolve({ filter: /^vscode-(languageserver-protocol|jsonrpc)(\/.*)?$/ }, (args) => (args.pluginData === 'again' ? undefined : build.resolve(args.path, { kind: args.kind, resolveDir: languageClientDir, pluginData: 'again' })));
  },
};

// which sources went into a browser bundle (dist/browser/NAME.meta.json, not shipped), for the test
const writeMeta = (name) => (result) => writeFileSync(join('dist', 'browser', `${name}.meta.json`), JSON.stringify(result.metafile));

await Promise.all([
  esbuild.build({ ...browser, format: 'iife', entryPoints: { server: 'server/src/browserServer.ts' }, outdir: 'dist/browser', metafile: true }).then(writeMeta('server')),
  esbuild.build({ ...browser, format: 'cjs', entryPoints: { client: 'client/src/browserExtension.ts' }, outdir: 'dist/browser', external: ['vscode'], plugins: [clientsProtocolBrowser], metafile: true }).then(writeMeta('client')),
  esbuild.build({ ...common, entryPoints: { client: 'client/src/extension.ts', languageClient: 'client/src/activate.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' }, external: ['vscode'], plugins: [clientsProtocol] }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/server.ts', 'cli-core': 'server/src/cli.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' } }),
  esbuild.build({ ...cliFront, outfile: 'dist/cli.cjs' }),
]);
