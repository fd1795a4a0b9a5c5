/**
 * The extension's main: returns from `activate` at once. It registers the contributed commands,
 * then — after activation — loads the language client's bundle (dist/languageClient.cjs, see
 * activate.ts), which starts the server and implements the commands; a command run before that
 * waits for it. This file stays small: its bundle is what VS Code loads to activate.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentStatus } from '../../shared/protocol';
import type * as ClientBundle from './activate';
import { type CommandId, COMMANDS } from './commands';

/** What the extension returns from `activate`, for the editor tests (VS Code has no API to read another extension's status bar item or webviews): the client side's own shape. */
export type DiligenceApi = ClientBundle.ClientSide;

let bundle: typeof ClientBundle | undefined;

function loadBundle(context: vscode.ExtensionContext): typeof ClientBundle {
  // a path esbuild leaves alone: dist/languageClient.cjs is its own bundle
  const file = context.asAbsolutePath(path.join('dist', 'languageClient.cjs'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- its own bundle, loaded after activate returned
  return require(file) as typeof ClientBundle;
}

export function activate(context: vscode.ExtensionContext): DiligenceApi {
  const handlers = new Map<CommandId, (...args: never[]) => unknown>();
  const changed = new vscode.EventEmitter<DocumentStatus>();
  context.subscriptions.push(changed);
  let side: ClientBundle.ClientSide | undefined;
  const loaded = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    bundle = loadBundle(context);
    side = bundle.activateClient(context, (id, run) => {
      handlers.set(id, run);
      return { dispose: () => handlers.delete(id) };
    });
    context.subscriptions.push(side.onDidChangeStatus((s) => changed.fire(s)));
    return side.started;
  }).catch((e: unknown) => {
    const why = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Diligence: the extension did not start: ${why}`);
  });
  for (const id of COMMANDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      await loaded;
      return (handlers.get(id) as ((...a: unknown[]) => unknown) | undefined)?.(...args);
    }));
  }
  return {
    started: loaded,
    status: () => side?.status() ?? { text: '', tooltip: '', visible: false, uri: undefined },
    documentStatus: (uri) => side?.documentStatus(uri),
    onDidChangeStatus: changed.event,
    openReports: () => side?.openReports() ?? [],
  };
}

export async function deactivate(): Promise<void> {
  await bundle?.deactivate();
}
