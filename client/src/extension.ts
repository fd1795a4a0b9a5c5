/**
 * The VS Code side: starts the bundled language server for markdown documents, passes
 * settings, and registers the commands. No analysis happens here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerEvidenceCommands } from './evidence';
import { registerTodoCommands } from './todos';

let client: LanguageClient | undefined;

interface ReportResponse {
  markdown: string;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Diligence', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { configurationSection: 'diligence' },
    outputChannel: output,
    // the server keeps its link cache there; in restricted mode it makes no network request
    initializationOptions: { storagePath: context.globalStorageUri.fsPath, trusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('diligence', 'Diligence', serverOptions, clientOptions);
  registerTodoCommands(context, () => client);

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('diligence.showReport', async (uri?: string) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
      if (!target || !client) return;
      const res = await client.sendRequest<ReportResponse | null>('diligence/report', { uri: target });
      if (!res) {
        void vscode.window.showInformationMessage('Diligence: this document is too large to analyse.');
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: res.markdown });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );

  registerEvidenceCommands(context, () => client);
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(`Diligence: the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('diligence/setTrusted', { trusted: true })),
    vscode.authentication.onDidChangeSessions((e) => { if (e.provider.id === 'github') void sendGitHubToken(); }),
  );
  await sendGitHubToken();
}

/**
 * The GitHub token of an existing VS Code sign-in, if there is one (never prompts here). It goes
 * to the server only, never into settings or logs.
 */
async function sendGitHubToken(): Promise<void> {
  try {
    const session = await vscode.authentication.getSession('github', ['repo'], { silent: true });
    await client?.sendNotification('diligence/setGitHubToken', { token: session?.accessToken ?? null });
  } catch {
    // no GitHub authentication provider (e.g. some forks): links are checked anonymously
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
