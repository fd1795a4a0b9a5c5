/**
 * The desktop's client side (dist/languageClient.cjs: vscode-languageclient is most of the
 * client's code), loaded by extension.ts once `activate` has returned: the bundled language
 * server in a Node process over IPC (clientSide.ts does the rest); it reads the disk itself, and
 * the files of a virtual workspace through the client (fileRequests.ts).
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateClientWith, type ClientSide } from './clientSide';
import type { Register } from './commands';
import { registerFileRequests } from './fileRequests';

export { deactivate, type ClientSide } from './clientSide';

export function activateClient(context: vscode.ExtensionContext, register: Register): ClientSide {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return activateClientWith(context, register, {
    createClient: (options) => new LanguageClient('diligence', 'Diligence', serverOptions, options),
    storagePath: context.globalStorageUri.fsPath,
    // the files of a virtual workspace (vscode-vfs://…) are not on this disk: the server asks for them
    registerFiles: registerFileRequests,
  });
}
