/**
 * The browser's client side (vscode.dev, github.dev, a web worker extension host): the language
 * server bundle dist/browser/server.js in a Web Worker, its file requests answered from
 * vscode.workspace.fs (fileRequests.ts), the caches in the global storage (clientSide.ts does the rest).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateClientWith, type ClientSide } from './clientSide';
import type { Register } from './commands';
import { registerFileRequests } from './fileRequests';

export { deactivate } from './clientSide';

// the web extension host's Worker (the project's types are Node's, without the DOM's)
declare const Worker: new (url: string, options?: { name?: string }) => ConstructorParameters<typeof LanguageClient>[3];

export function activateClient(context: vscode.ExtensionContext, register: Register): ClientSide {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  return activateClientWith(context, register, {
    createClient: (options) => new LanguageClient('diligence', 'Diligence', options, new Worker(serverMain.toString(true), { name: 'Diligence language server' })),
    storagePath: context.globalStorageUri.toString(),
    registerFiles: registerFileRequests,
  });
}
