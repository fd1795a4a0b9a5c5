/**
 * The VS Code side: starts the bundled language server for markdown documents (restarting it if
 * it crashes), passes settings, and shows what the server says — status bar, readiness report,
 * link-check progress, GitHub sign-in. No analysis happens here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, type CloseHandlerResult, type ErrorHandler, LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import type { DocumentStatus } from '../../shared/protocol';
import { LinkCheckProgressNotification, LinksNotCheckedNotification, ReportRequest, SetTrustedNotification, StatusNotification } from './protocol';
import { GitHubAuth } from './github';
import { LinkProgress } from './linkProgress';
import { ReportPanels } from './reportPanel';
import { DiligenceStatus } from './statusBar';
import { registerEvidenceCommands } from './evidence';
import { registerTodoCommands } from './todos';

let client: LanguageClient | undefined;

/** What the extension returns from `activate`, for the editor tests (VS Code has no API to read another extension's status bar item or webviews). */
export interface DiligenceApi {
  status(): { text: string; tooltip: string; visible: boolean; uri: string | undefined };
  documentStatus(uri: string): DocumentStatus | undefined;
  onDidChangeStatus: vscode.Event<DocumentStatus>;
  openReports(): string[];
}

export async function activate(context: vscode.ExtensionContext): Promise<DiligenceApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Diligence', { log: true });
  const status = new DiligenceStatus();
  const panels = new ReportPanels(() => client, output);
  const progress = new LinkProgress(() => client);
  const github = new GitHubAuth(() => client, output);
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
        status.clear();
        progress.clear();
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
  client = new LanguageClient('diligence', 'Diligence', serverOptions, clientOptions);
  defaults.handler = client.createDefaultErrorHandler(4);

  client.onNotification(StatusNotification, (s) => {
    status.set(s);
    panels.onStatus(s);
  });
  client.onNotification(LinkCheckProgressNotification, (p) => progress.on(p));
  client.onNotification(LinksNotCheckedNotification, (p) => void github.offer(p));
  client.onDidChangeState((e) => {
    // a (re)started server has no token yet
    if (e.newState === State.Running) void github.sendToken();
  });

  const activeUri = (uri?: string | vscode.Uri): vscode.Uri | undefined =>
    uri === undefined ? vscode.window.activeTextEditor?.document.uri : typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;

  registerTodoCommands(context, () => client);

  context.subscriptions.push(
    output,
    status,
    panels,
    progress,
    vscode.commands.registerCommand('diligence.showReport', async (uri?: string | vscode.Uri) => {
      const target = activeUri(uri);
      if (target) await panels.show(target);
    }),
    vscode.commands.registerCommand('diligence.showReportMarkdown', async (uri?: string | vscode.Uri) => {
      const target = activeUri(uri);
      if (!target || !client) return;
      const res = await client.sendRequest(ReportRequest, { uri: target.toString() });
      if (!res) {
        void vscode.window.showInformationMessage('Diligence: this document is larger than diligence.maxDocumentSize, so it has no report.');
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: res.markdown });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    vscode.commands.registerCommand('diligence.restartServer', async () => {
      if (!client) return;
      output.info('restarting the language server (command)');
      status.clear();
      progress.clear();
      await client.restart();
    }),
    vscode.commands.registerCommand('diligence.signInToGitHub', () => github.signIn()),
    vscode.commands.registerCommand('diligence.showOutput', () => output.show(true)),
  );

  registerEvidenceCommands(context, () => client);
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(`Diligence: the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
  void vscode.commands.executeCommand('setContext', 'diligence.active', true);

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(SetTrustedNotification, { trusted: true })),
    vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === 'github') void github.sendToken();
    }),
  );

  return {
    status: () => status.current,
    documentStatus: (uri) => status.get(uri),
    onDidChangeStatus: status.onDidChange,
    openReports: () => panels.openReports,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
