/**
 * The VS Code side: starts the bundled language server for markdown documents (restarting it if
 * it crashes), passes settings, and shows what the server says — status bar, readiness report,
 * link-check progress, GitHub sign-in. No analysis happens here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type DocumentStatus, REPORT_REQUEST, type ReportResponse } from '../../server/src/handlers/protocol';
import { GitHubAuth } from './github';
import { LinkProgress } from './linkProgress';
import { ReportPanels } from './reportPanel';
import { DiligenceStatus } from './statusBar';
import { registerEvidenceCommands } from './evidence';
import { registerTodoCommands } from './todos';
import { commandTarget } from './format';

let client: LanguageClient | undefined;

/** What the extension returns from `activate`, for the editor tests (VS Code has no API to read another extension's status bar item or webviews). */
export interface DiligenceApi {
  status(): { text: string; tooltip: string; visible: boolean; uri: string | undefined };
  documentStatus(uri: string): DocumentStatus | undefined;
  onDidChangeStatus: vscode.Event<DocumentStatus>;
  openReports(): string[];
  /** settles once the language server has started (or failed to) */
  started: Promise<void>;
}

/** The bundle with vscode-languageclient (most of the client's code), loaded after activation. */
type ClientModule = typeof import('./languageClient');
function loadClientModule(context: vscode.ExtensionContext): ClientModule {
  // a path esbuild leaves alone: dist/languageClient.cjs is its own bundle
  const file = context.asAbsolutePath(path.join('dist', 'languageClient.cjs'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- its own bundle, loaded after activation returned
  return require(file) as ClientModule;
}

export function activate(context: vscode.ExtensionContext): DiligenceApi {
  const output = vscode.window.createOutputChannel('Diligence', { log: true });
  const status = new DiligenceStatus();
  const panels = new ReportPanels(() => client, output);
  const progress = new LinkProgress(() => client);
  const github = new GitHubAuth(() => client, output);

  // Activation returns at once: the language client's code is loaded and the server started in the
  // background (commands run meanwhile wait for it). A server that does not start is reported;
  // the commands that need it stay hidden.
  const started = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    client = loadClientModule(context).createLanguageClient(context, output, {
      onStatus: (s) => {
        status.set(s);
        panels.onStatus(s);
      },
      onLinkProgress: (p) => progress.on(p),
      onLinksNotChecked: (p) => void github.offer(p),
      onRunning: () => void github.sendToken(),
      onClosed: () => {
        status.clear();
        progress.clear();
      },
    });
    return client.start();
  }).then(
    () => void vscode.commands.executeCommand('setContext', 'diligence.active', true),
    (e: unknown) => {
      const why = e instanceof Error ? e.message : String(e);
      output.error(`the language server did not start: ${why}`);
      void vscode.window.showErrorMessage(`Diligence: the language server did not start: ${why}`, 'Show Output').then((a) => {
        if (a) output.show(true);
      });
    },
  );

  /** the client once it has started (undefined: it did not) */
  const ready = async (): Promise<LanguageClient | undefined> => {
    await started;
    return client;
  };

  // the given document, the active editor's, or the one whose report page has focus
  const activeUri = (uri?: string | vscode.Uri): vscode.Uri | undefined =>
    commandTarget(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri, vscode.window.activeTextEditor?.document.uri, panels.activeDocument);

  registerTodoCommands(context, ready, (uri) => activeUri(uri)?.toString());
  registerEvidenceCommands(context, ready, () => activeUri()?.toString());

  context.subscriptions.push(
    output,
    status,
    panels,
    progress,
    vscode.commands.registerCommand('diligence.showReport', async (uri?: string | vscode.Uri) => {
      const target = activeUri(uri);
      await started;
      if (target) await panels.show(target);
    }),
    vscode.commands.registerCommand('diligence.showReportMarkdown', async (uri?: string | vscode.Uri) => {
      const target = activeUri(uri);
      const client = await ready();
      if (!target || !client) return;
      const res = await client.sendRequest<ReportResponse | null>(REPORT_REQUEST, { uri: target.toString() });
      if (!res) {
        void vscode.window.showInformationMessage('Diligence: this document is larger than diligence.maxDocumentSize, so it has no report.');
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: res.markdown });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    vscode.commands.registerCommand('diligence.restartServer', async () => {
      const client = await ready();
      if (!client) return;
      output.info('restarting the language server (command)');
      status.clear();
      progress.clear();
      await client.restart();
    }),
    vscode.commands.registerCommand('diligence.signInToGitHub', () => github.signIn()),
    vscode.commands.registerCommand('diligence.showOutput', () => output.show(true)),
  );

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('diligence/setTrusted', { trusted: true })),
    vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === 'github') void github.sendToken();
    }),
  );

  return {
    started,
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
