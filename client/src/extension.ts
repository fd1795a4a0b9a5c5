/**
 * The extension's main on the desktop: returns from `activate` at once (extensionMain.ts
 * registers the commands), then — after activation — loads the language client's bundle
 * (dist/languageClient.cjs, see activate.ts), which starts the server and implements the
 * commands. This file stays small: its bundle is what VS Code loads to activate. The browser's
 * main is browserExtension.ts.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type * as ClientBundle from './activate';
import { activateExtension, type DiligenceApi, deactivateExtension } from './extensionMain';

export type { DiligenceApi } from './extensionMain';

function loadBundle(context: vscode.ExtensionContext): typeof ClientBundle {
  // a path esbuild leaves alone: dist/languageClient.cjs is its own bundle
  const file = context.asAbsolutePath(path.join('dist', 'languageClient.cjs'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- its own bundle, loaded after activate returned
  return require(file) as typeof ClientBundle;
}

export function activate(context: vscode.ExtensionContext): DiligenceApi {
  return activateExtension(context, () => new Promise<void>((resolve) => setImmediate(resolve)).then(() => loadBundle(context)));
}

export const deactivate = deactivateExtension;
