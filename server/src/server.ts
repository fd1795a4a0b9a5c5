/**
 * The Diligence language server. Start it with `--stdio` (any editor) or through
 * vscode-languageclient (IPC). All analysis lives in ./service; this file only wires the
 * protocol to it.
 */
import { CodeActionKind, createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { StatsRequest } from '../../shared/protocol';
import { registerConfiguration } from './handlers/configuration';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerFeatures } from './handlers/features';
import { registerLinkChecks } from './handlers/links';
import { registerStatus } from './handlers/status';
import { registerEvidence } from './handlers/evidence';
import { registerTemplates } from './handlers/templates';
import { registerProfiles } from './handlers/profiles';
import { registerApplication } from './handlers/application';
import { registerInterviews } from './handlers/interviews';
import { errorText, RequestFunnel } from './handlers/requests';
import { NetworkSession } from './node/networkSession';
import { ADD_CHECKBOXES_KIND, createDiligenceService, FILL_ALL_KIND, REFRESH_EVIDENCE_KIND } from './service/index';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger = {
  debug: () => {},
  info: (m: string) => connection.console.info(m),
  warn: (m: string) => connection.console.warn(m),
  error: (m: string) => connection.console.error(m),
};
// analyses yield to incoming messages every few milliseconds: a 1 MB document does not block them
const service = createDiligenceService({ logger, yieldToHost: () => new Promise<void>((resolve) => setImmediate(resolve)) });
// Node ends the process on an unhandled rejection: a bug in one document's handling is logged
// instead of taking the editor's server down (test/protocol/hostile.test.ts)
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${errorText(e)}`));

// the token, trust, API URL, HTTP client, Octokit and caches of the link checks and evidence
const session = new NetworkSession({ apiUrl: service.config.github.apiUrl, logger });
session.onDidChangeTools((tools) => {
  service.setLinkChecker(tools.linkChecker);
  service.evidence.setDiscoverer(tools.discoverer);
});
const funnel = new RequestFunnel(connection, documents, logger);

let canPullConfiguration = false;
let canRegisterConfiguration = false;
// local diagnostics first; the link checks start once they are out, and re-publish as they go
const diagnostics = registerDiagnostics(connection, documents, service, (uri) => {
  status.send(uri);
  links.schedule(uri);
  evidence.schedule(uri);
  templates.schedule(uri);
  interviews.schedule(uri);
});
const status = registerStatus(connection, documents, service);
const publish = (uri: string): void => diagnostics.publishNow(uri);
const evidence = registerEvidence(documents, service, session, funnel, { publish, logger });
const templates = registerTemplates(documents, service, session, { publish, logger });
let canShowProgress = false;
const links = registerLinkChecks(connection, documents, service, session, { publish, logger, notifying: () => status.enabled, workDoneProgress: () => canShowProgress });
const profiles = registerProfiles(connection, service, funnel);
registerApplication(service, session, funnel);
const interviews = registerInterviews(documents, service, session, funnel, { publish, logger });
const configuration = registerConfiguration(connection, service, () => canPullConfiguration, () => {
  void profiles.reload();
  session.setApiUrl(service.config.github.apiUrl);
  session.setProxy(service.config.http.proxy, service.config.http.noProxy);
  templates.again();
  diagnostics.refreshAll();
});
registerFeatures(connection, documents, service, funnel);
// what the server did (tests, the benchmark, a curious user): analyses, given-up analyses, chunks
funnel.onRequest0(StatsRequest, () => ({ ...service.stats, scheduled: diagnostics.runs, memory: process.memoryUsage() }));

connection.onInitialize((params) => {
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  canRegisterConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  canShowProgress = params.capabilities.window?.workDoneProgress === true;
  const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  profiles.setRoots(roots);
  links.setRoots(roots);
  templates.setRoots(roots);
  const init = params.initializationOptions as { settings?: unknown; storagePath?: string; trusted?: boolean; clientNotifications?: boolean } | undefined;
  // diligence/status and the link-check notifications (shared/protocol.ts) go only to clients that ask
  status.enabled = init?.clientNotifications === true;
  if (init?.settings !== undefined) void configuration.load(init.settings);
  if (init?.trusted === false) session.setTrusted(false);
  void session.tools();
  if (typeof init?.storagePath === 'string') void session.openCaches(init.storagePath);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FILL_ALL_KIND, ADD_CHECKBOXES_KIND, REFRESH_EVIDENCE_KIND] },
      documentSymbolProvider: { label: 'Diligence' },
      codeLensProvider: { resolveProvider: false },
      foldingRangeProvider: true,
      completionProvider: { triggerCharacters: ['$', ' '] },
    },
    serverInfo: { name: 'diligence', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'diligence' });
  void configuration.load(undefined);
});

// TextDocuments reports an open as a content change too: that one must not delay the first analysis
const opening = new Set<string>();
documents.onDidOpen((e) => {
  opening.add(e.document.uri);
  diagnostics.schedule(e.document.uri, 0);
});
documents.onDidChangeContent((e) => {
  if (opening.delete(e.document.uri)) return;
  diagnostics.schedule(e.document.uri);
});
documents.onDidClose((e) => {
  opening.delete(e.document.uri);
  links.cancel(e.document.uri);
  diagnostics.clear(e.document.uri);
  templates.forget(e.document.uri);
  interviews.forget(e.document.uri);
  service.closeDocument(e.document.uri);
});

connection.onShutdown(async () => {
  links.dispose();
  await session.dispose();
});

documents.listen(connection);
connection.listen();
