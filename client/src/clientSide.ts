/**
 * The VS Code side, past activation: starts the bundled language server for markdown documents
 * (restarting it if it crashes), passes settings, and shows what the server says — status bar,
 * readiness report, link-check progress, GitHub sign-in. No analysis happens here.
 *
 * The same for the desktop (activate.ts: the server in a Node process) and the browser
 * (browserExtension.ts: the server in a web worker); the host gives the language client. The
 * commands come in through `register`.
 */
import { redactingChannel } from './redact';
import * as vscode from 'vscode';
import { type BaseLanguageClient, CloseAction, type CloseHandlerResult, type DocumentSelector, type ErrorHandler, type LanguageClientOptions, State } from 'vscode-languageclient';
import type { DocumentStatus } from '../../shared/protocol';
import { ClearLinkCacheRequest, InterviewsChangedNotification, LinkCheckProgressNotification, LinksNotCheckedNotification, ReportRequest, SetTrustedNotification, StatusNotification } from './protocol';
import { GitHubAuth } from './github';
import { LinkProgress } from './linkProgress';
import { ReportPanels } from './reportPanel';
import { DiligenceStatus } from './statusBar';
import { registerEvidenceCommands } from './evidence';
import { registerApplicationCommands } from './application';
import { registerTodoCommands } from './todos';
import { registerInterviewCommands } from './interviews';
import { registerInterviewTree } from './interviewTree';
import { commandTarget } from './format';
import { traceChannel } from './traceChannel';
import { MarkdownReports, REPORT_SCHEME } from './markdownReports';
import type { Register } from './commands';

let client: BaseLanguageClient | undefined;

export interface ClientSide {
  /** settles once the language server has started (or failed to: reported to the user) */
  started: Promise<void>;
  status(): { text: string; tooltip: string; visible: boolean; uri: string | undefined };
  documentStatus(uri: string): DocumentStatus | undefined;
  onDidChangeStatus: vscode.Event<DocumentStatus>;
  openReports(): string[];
}

/** What differs between the desktop and the browser. */
export interface ClientHost {
  /** the language client, started on the host's server (a Node process, a web worker) */
  createClient(options: LanguageClientOptions): BaseLanguageClient;
  /** where the server keeps its caches: a folder path (Node), the storage URI (browser) */
  storagePath: string;
  /** the server reads files through the client (vscode.workspace.fs): the browser */
  registerFiles?(client: BaseLanguageClient, context: vscode.ExtensionContext): vscode.Disposable;
}

/**
 * Markdown documents of every scheme the editor serves (file, untitled, vscode-vfs of a remote
 * repository, vscode-remote…), except the read-only report pages this extension opens itself.
 */
export const DOCUMENT_SELECTOR: DocumentSelector = [{ language: 'markdown' }];

export function activateClientWith(context: vscode.ExtensionContext, register: Register, host: ClientHost): ClientSide {
  const output = vscode.window.createOutputChannel('Diligence', { log: true });
  // diligence.trace.server alone turns the trace on (not the channel's log level as well)
  const trace = traceChannel({
    output,
    setting: () => vscode.workspace.getConfiguration('diligence').get<string>('trace.server'),
    onDidChangeSetting: (listener) => vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('diligence.trace.server')) listener();
    }),
    levels: { off: vscode.LogLevel.Off, trace: vscode.LogLevel.Trace },
  });
  const status = new DiligenceStatus();
  const panels = new ReportPanels(() => client, output);
  const progress = new LinkProgress(() => client);
  const github = new GitHubAuth(() => client, output);
  const reports = new MarkdownReports();
  const interviewTree = registerInterviewTree(context, () => client, status.onDidChange);
  // set once the client exists (the client creates its default error handler)
  const defaults: { handler?: ErrorHandler } = {};

  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.diligence.json{,c}');
  context.subscriptions.push(configWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // 'http' too: diligence.http.proxy "vscode" follows VS Code's http.proxy and http.noProxy;
    // the repository's configuration files: the server reads them again when one changes
    synchronize: { configurationSection: ['diligence', 'http'], fileEvents: configWatcher },
    // the report pages this extension opens are markdown too, and not documents to analyse
    middleware: {
      didOpen: (document, next) => (document.uri.scheme === REPORT_SCHEME ? Promise.resolve() : next(document)),
      didChange: (event, next) => (event.document.uri.scheme === REPORT_SCHEME ? Promise.resolve() : next(event)),
      didClose: (document, next) => (document.uri.scheme === REPORT_SCHEME ? Promise.resolve() : next(document)),
    },
    outputChannel: output,
    // the trace writes every message sent, the token notification's params too: secrets are redacted
    traceOutputChannel: redactingChannel(trace),
    // a function: a restarted server gets the trust of now, not of the first start
    initializationOptions: () => ({ storagePath: host.storagePath, trusted: vscode.workspace.isTrusted, clientNotifications: true }),
    errorHandler: {
      error: (error, message, count) => defaults.handler!.error(error, message, count),
      closed: async (): Promise<CloseHandlerResult> => {
        // The default handler restarts up to 4 times in 3 minutes, then gives up with a message.
        const result = await defaults.handler!.closed();
        status.clear();
        progress.clear();
        interviewTree.clear();
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
  client = host.createClient(clientOptions);
  defaults.handler = client.createDefaultErrorHandler(4);
  if (host.registerFiles) context.subscriptions.push(host.registerFiles(client, context));

  client.onNotification(StatusNotification, (s) => {
    status.set(s);
    panels.onStatus(s);
  });
  client.onNotification(LinkCheckProgressNotification, (p) => progress.on(p));
  client.onNotification(InterviewsChangedNotification, (p) => interviewTree.serverChanged(p.uri));
  client.onNotification(LinksNotCheckedNotification, (p) => void github.offer(p));
  client.onDidChangeState((e) => {
    // a (re)started server has no token yet
    if (e.newState === State.Running) void github.sendToken();
  });

  // the given document, the active editor's, or the one whose report page has focus
  const activeUri = (uri?: string | vscode.Uri): vscode.Uri | undefined =>
    commandTarget(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri, vscode.window.activeTextEditor?.document.uri, panels.activeDocument);

  registerTodoCommands(context, () => client, (uri) => activeUri(uri)?.toString(), register);
  registerInterviewCommands(context, () => client, register);
  context.subscriptions.push(register('diligence.refreshInterviews', () => interviewTree.relistNow()));

  context.subscriptions.push(
    output,
    trace,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    reports,
    status,
    panels,
    progress,
    register('diligence.showReport', async (uri?: string | vscode.Uri) => {
      const target = activeUri(uri);
      if (target) await panels.show(target);
    }),
    register('diligence.showReportMarkdown', async (uri?: string | vscode.Uri) => {
      const target = activeUri(uri);
      if (!target || !client) return;
      const res = await client.sendRequest(ReportRequest, { uri: target.toString() });
      if (!res) {
        void vscode.window.showInformationMessage('Diligence: this document is larger than diligence.maxDocumentSize, so it has no report.');
        return;
      }
      // a read-only virtual document: nothing to save when it closes
      const reportUri = reports.set(target, res.markdown);
      const doc = await vscode.workspace.openTextDocument(reportUri);
      if (doc.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }),
    register('diligence.restartServer', async () => {
      if (!client) return;
      output.info('restarting the language server (command)');
      status.clear();
      progress.clear();
      interviewTree.clear();
      // stop and start again: the browser's client has no restart of its own
      await client.stop();
      await client.start();
    }),
    register('diligence.signInToGitHub', () => github.signIn()),
    register('diligence.showOutput', () => output.show(true)),
    // the quick fix on $TOCMEMBER when diligence.reviewer.name is empty
    register('diligence.setReviewerName', () => vscode.commands.executeCommand('workbench.action.openSettings', 'diligence.reviewer.name')),
    register('diligence.clearLinkCache', async () => {
      if (!client) return;
      const { cleared } = await client.sendRequest(ClearLinkCacheRequest);
      void vscode.window.showInformationMessage(`Diligence: link cache cleared (${cleared} verdict${cleared === 1 ? '' : 's'} forgotten); the open documents are being checked again.`);
    }),
  );

  registerEvidenceCommands(context, () => client, () => activeUri()?.toString(), register, github);
  registerApplicationCommands(context, () => client, register);
  // requests sent before the start completes wait for it; a server that does not start is
  // reported, and the commands that need it stay hidden
  const started = client.start().then(
    () => void vscode.commands.executeCommand('setContext', 'diligence.active', true),
    (e: unknown) => {
      const why = e instanceof Error ? e.message : String(e);
      output.error(`the language server did not start: ${why}`);
      void vscode.window.showErrorMessage(`Diligence: the language server did not start: ${why}`, 'Show Output').then((a) => {
        if (a) output.show(true);
      });
    },
  );

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(SetTrustedNotification, { trusted: true })),
    vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === 'github' || e.provider.id === 'github-enterprise') void github.sendToken();
    }),
    // another API (github.com ↔ an Enterprise server) needs that server's own session
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('diligence.github.apiUrl') || e.affectsConfiguration('github-enterprise.uri')) void github.sendToken();
    }),
    github,
    github.onDidChangeAccess((line) => status.setGitHubAccess(line)),
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
