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

// the web extension host's Worker (the project's types are Node's, without the DOM's, so the
// library's own `Worker` type is `any` here): typed by what the language client uses of it, so that
// it cannot be passed where the client's options go (the server is the third parameter, the
// options the fourth, in vscode-languageclient 11)
interface WebWorker {
  postMessage(message: unknown): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => WebWorker;

/** the schemes whose URIs a web worker extension host loads a Worker from as they are */
const WORKER_SCHEMES = new Set(['http', 'https', 'file']);

/**
 * The server bundle as a URL `new Worker` takes here. vscode.dev and github.dev serve an
 * extension over https: its URI is the URL. An extension installed on a remote (VS Code Server
 * and code-server in the browser) lies at a `vscode-remote:` URI, which VS Code's web worker
 * extension host refuses ("Creating workers from remote extensions is currently not supported",
 * api/worker/extensionHostWorker.ts): the bundle is read through the editor and started from a
 * blob URL of its bytes (the host's CSP allows blob: workers).
 */
export async function serverScriptUrl(context: vscode.ExtensionContext): Promise<string> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  if (WORKER_SCHEMES.has(uri.scheme)) return uri.toString(true);
  const bytes = await vscode.workspace.fs.readFile(uri);
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
}

export function activateClient(context: vscode.ExtensionContext, register: Register, serverUrl: string): ClientSide {
  return activateClientWith(context, register, {
    createClient: (options) => new LanguageClient('diligence', 'Diligence', new Worker(serverUrl, { name: 'Diligence language server' }), options),
    storagePath: context.globalStorageUri.toString(),
    registerFiles: registerFileRequests,
  });
}
