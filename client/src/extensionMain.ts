/**
 * What `activate` does on the desktop (extension.ts) and in the browser (browserExtension.ts):
 * registers the contributed commands at once, then starts the client side (clientSide.ts) from
 * `load`; a command run before that waits for it.
 */
import * as vscode from 'vscode';
import type { DocumentStatus } from '../../shared/protocol';
import type { ClientSide } from './clientSide';
import { type CommandId, COMMANDS, type Register } from './commands';

/** What the extension returns from `activate`, for the editor tests (VS Code has no API to read another extension's status bar item or webviews): the client side's own shape. */
export type DiligenceApi = ClientSide;

/** the client side's module: the desktop's dist/languageClient.cjs, the browser's own bundle */
export interface ClientModule {
  activateClient(context: vscode.ExtensionContext, register: Register): ClientSide;
  deactivate(): Promise<void>;
}

let bundle: ClientModule | undefined;

export function activateExtension(context: vscode.ExtensionContext, load: () => Promise<ClientModule>): DiligenceApi {
  const handlers = new Map<CommandId, (...args: never[]) => unknown>();
  const changed = new vscode.EventEmitter<DocumentStatus>();
  context.subscriptions.push(changed);
  let side: ClientSide | undefined;
  const loaded = load().then((module) => {
    bundle = module;
    side = module.activateClient(context, (id, run) => {
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

export async function deactivateExtension(): Promise<void> {
  await bundle?.deactivate();
}
