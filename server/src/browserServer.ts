/**
 * The Diligence language server in a browser's web worker (vscode.dev, github.dev, VS Code's web
 * worker extension host): the same server as server.ts (serverMain.ts), over the worker's
 * messages, with the browser's host (browser/serverHost.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { browserServerHost } from './browser/serverHost';
import { errorText } from './handlers/requests';
import { startServer } from './serverMain';

// the worker's global scope (the project's types are Node's, without the DOM's)
type WorkerPort = ConstructorParameters<typeof BrowserMessageReader>[0];
declare const self: WorkerPort & { addEventListener(type: 'unhandledrejection', listener: (e: { reason: unknown }) => void): void };

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
// a bug in one document's handling is logged, as under Node (server.ts)
self.addEventListener('unhandledrejection', (e: { reason: unknown }) => connection.console.error(`unhandled rejection: ${errorText(e.reason)}`));
startServer(connection, (o) => browserServerHost(connection, o));
