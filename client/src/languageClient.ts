/**
 * The language client: starts the bundled server for markdown documents (restarting it if it
 * crashes) and passes its notifications on. Its own bundle (dist/languageClient.cjs, most of the
 * client's code is vscode-languageclient): `activate` returns at once and loads it afterwards.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, type CloseHandlerResult, type ErrorHandler, LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import {
  type DocumentStatus,
  LINK_PROGRESS_NOTIFICATION,
  type LinkCheckProgress,
  LINKS_NOT_CHECKED_NOTIFICATION,
  type LinksNotCheckedParams,
  STATUS_NOTIFICATION,
} from '../../server/src/handlers/protocol';

export interface ClientHooks {
  onStatus(s: DocumentStatus): void;
  onLinkProgress(p: LinkCheckProgress): void;
  onLinksNotChecked(p: LinksNotCheckedParams): void;
  /** the server is (again) running: it has no token yet */
  onRunning(): void;
  /** the server stopped: what it said no longer holds */
  onClosed(): void;
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, hooks: ClientHooks): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // set once the client exists (the client creates its default error handler)
  const defaults: { handler?: ErrorHandler } = {};
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { configurationSection: 'diligence' },
    outputChannel: output,
    // a function: a restarted server gets the trust of now, not of the first start
    initializationOptions: () => ({ storagePath: context.globalStorageUri.fsPath, trusted: vscode.workspace.isTrusted, clientNotifications: true }),
    errorHandler: {
      error: (error, message, count) => defaults.handler!.error(error, message, count),
      closed: async (): Promise<CloseHandlerResult> => {
        // The default handler restarts up to 4 times in 3 minutes, then gives up with a message.
        const result = await defaults.handler!.closed();
        hooks.onClosed();
        if (result.action === CloseAction.Restart) {
          output.warn('The Diligence language server stopped unexpectedly; restarting it.');
          void vscode.window.showWarningMessage('Diligence: the language server stopped unexpectedly and was restarted.', 'Show Output').then((a) => {
            if (a) output.show(true);
          });
          return { action: CloseAction.Restart, handled: true };
        }
        return result;
      },
    },
  };
  const client = new LanguageClient('diligence', 'Diligence', serverOptions, clientOptions);
  defaults.handler = client.createDefaultErrorHandler(4);
  client.onNotification(STATUS_NOTIFICATION, (s: DocumentStatus) => hooks.onStatus(s));
  client.onNotification(LINK_PROGRESS_NOTIFICATION, (p: LinkCheckProgress) => hooks.onLinkProgress(p));
  client.onNotification(LINKS_NOT_CHECKED_NOTIFICATION, (p: LinksNotCheckedParams) => hooks.onLinksNotChecked(p));
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) hooks.onRunning();
  });
  return client;
}
