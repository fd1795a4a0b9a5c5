/**
 * The Diligence language server on a connection, whatever carries it: stdio or IPC under Node
 * (server.ts), messages of a web worker in the browser (browserServer.ts). All analysis lives in
 * ./service; this file only wires the protocol to it. What differs between the hosts comes in
 * through the ServerHost (handlers/serverHost.ts).
 */
import { CodeActionKind, type Connection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, type ServerCapabilities, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InterviewsChangedNotification, StatsRequest } from '../../shared/protocol';
import { registerConfiguration } from './handlers/configuration';
import { registerConfigFiles } from './handlers/configFiles';
import { registerInterviews } from './handlers/interviews';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerFeatures } from './handlers/features';
import { registerLinkChecks } from './handlers/links';
import { registerStatus } from './handlers/status';
import { registerEvidence } from './handlers/evidence';
import { registerTemplates } from './handlers/templates';
import { registerProfiles } from './handlers/profiles';
import { registerApplication } from './handlers/application';
import { RequestFunnel } from './handlers/requests';
import { noConfigFiles, noInterviews, type ServerHost } from './handlers/serverHost';
import type { DocumentFolders } from './handlers/configFilesTypes';
import { DEFAULT_CONFIG } from './service/config';
import { ADD_CHECKBOXES_KIND, createDiligenceService, FILL_ALL_KIND, type Logger, REFRESH_EVIDENCE_KIND } from './service/index';

export interface InitOptions {
  settings?: unknown;
  /** where the caches are kept: a folder path (Node) or a URI the client reads and writes (browser) */
  storagePath?: string;
  trusted?: boolean;
  clientNotifications?: boolean;
}

/** What the server answers `initialize` with. */
const SERVER_CAPABILITIES: ServerCapabilities = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FILL_ALL_KIND, ADD_CHECKBOXES_KIND, REFRESH_EVIDENCE_KIND] },
  documentSymbolProvider: { label: 'Diligence' },
  codeLensProvider: { resolveProvider: false },
  foldingRangeProvider: true,
  completionProvider: { triggerCharacters: ['$', ' '] },
};

/** diligence/stats where the host cannot tell the memory it uses */
const NO_MEMORY = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };

/** The server's log: the connection's console (debug lines are dropped). */
function connectionLogger(connection: Connection): Logger {
  return {
    debug: () => {},
    info: (m: string) => connection.console.info(m),
    warn: (m: string) => connection.console.warn(m),
    error: (m: string) => connection.console.error(m),
  };
}

/** Serves `connection` with the host `makeHost` gives (called once, with the server's logger and the default API URL; the settings follow). */
/** What the interviews' handler publishes again changed with the interviews: our client's view asks again. */
/** What the interviews' handler reads through the host; a git checkout only inside the workspace folders (or a document's own folder). */
function interviewsHost(host: ServerHost, folders: DocumentFolders, roots: () => readonly string[]): Parameters<typeof registerInterviews>[5] {
  return { folders, files: host.files, ...(host.readCheckout ? { readCheckout: host.readCheckout } : {}), rootsFor: (uri) => host.linkRootsFor(uri, roots()) };
}

function interviewsPublish(connection: Connection, publish: (uri: string) => void, notifying: () => boolean): (uri: string) => void {
  return (uri) => {
    publish(uri);
    if (notifying()) void connection.sendNotification(InterviewsChangedNotification, { uri });
  };
}

export function startServer(connection: Connection, makeHost: (o: { logger: Logger; apiUrl: string }) => ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const logger = connectionLogger(connection);
  const host = makeHost({ logger, apiUrl: DEFAULT_CONFIG.github.apiUrl });
  // analyses yield to incoming messages every few milliseconds: a 1 MB document does not block them
  const service = createDiligenceService({ logger, yieldToHost: host.yieldToHost });
  const { session } = host;
  session.onDidChangeTools((tools) => {
    service.setLinkChecker(tools.linkChecker);
    service.evidence.setDiscoverer(tools.discoverer);
  });
  const funnel = new RequestFunnel(connection, documents, logger);

  let workspaceRoots: string[] = []; // a git checkout is read inside these only (or a document's own folder)
  let canPullConfiguration = false;
  let canRegisterConfiguration = false;
  // other clients than ours (whose extension watches them) are asked to watch the configuration files
  let shouldWatchConfigFiles = false;
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
  const evidence = registerEvidence(documents, service, session, funnel, { publish: (uri) => { publish(uri); interviews.discovered?.(uri); /* its maintainers, for the interview lints */ }, logger });
  const templates = registerTemplates(documents, service, host, { publish, logger });
  let canShowProgress = false;
  const links = registerLinkChecks(connection, documents, service, session, { publish, logger, notifying: () => status.enabled, workDoneProgress: () => canShowProgress, linkRootsFor: host.linkRootsFor });
  const profiles = registerProfiles(connection, service, funnel, host, () => configFiles.profilePaths());
  registerApplication(service, host, funnel);
  const interviews = host.folders ? registerInterviews(documents, service, session, funnel, { publish: interviewsPublish(connection, publish, () => status.enabled), logger }, interviewsHost(host, host.folders, () => workspaceRoots)) : noInterviews;
  const configuration = registerConfiguration(connection, service, () => canPullConfiguration, () => {
    void profiles.reload();
    session.setApiUrl(service.config.github.apiUrl);
    session.setProxy(service.config.http.proxy, service.config.http.noProxy);
    templates.again();
    // the documents' settings from their configuration files, again, before they are analysed
    configFiles.refresh();
    diagnostics.refreshAll();
  });
  // .diligence.jsonc / .diligence.json (hosts that read them): looked up on open and change, never while publishing
  const configFiles = !host.folders ? noConfigFiles : registerConfigFiles(connection, documents, service, host.folders, {
    userSettings: () => configuration.raw,
    trusted: () => session.trusted,
    reanalyse: (uri) => {
      // the template too: the file may name another
      templates.forget(uri);
      diagnostics.schedule(uri, 0);
    },
    profilesChanged: () => void profiles.reload(),
  });
  session.onDidChangeAccess(() => configFiles.refresh());
  registerFeatures(connection, documents, service, funnel);
  // what the server did (tests, the benchmark, a curious user): analyses, given-up analyses, chunks
  funnel.onRequest0(StatsRequest, () => ({ ...service.stats, scheduled: diagnostics.runs, memory: host.memory?.() ?? NO_MEMORY }));

  connection.onInitialize((params) => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canRegisterConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canShowProgress = params.capabilities.window?.workDoneProgress === true;
    shouldWatchConfigFiles = host.folders !== undefined && params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true && (params.initializationOptions as InitOptions | undefined)?.clientNotifications !== true;
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceRoots = roots;
    for (const h of [profiles, links, templates, configFiles]) h.setRoots(roots);
    const init = params.initializationOptions as InitOptions | undefined;
    // diligence/status and the link-check notifications (shared/protocol.ts) go only to clients that ask
    status.enabled = init?.clientNotifications === true;
    if (init?.settings !== undefined) void configuration.load(init.settings);
    if (init?.trusted === false) session.setTrusted(false);
    void session.tools();
    if (typeof init?.storagePath === 'string') void session.openCaches(init.storagePath);
    return {
      capabilities: SERVER_CAPABILITIES,
      serverInfo: { name: 'diligence', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'diligence' });
    if (shouldWatchConfigFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.diligence.{json,jsonc}' }] });
    void configuration.load(undefined);
  });

  // TextDocuments reports an open as a content change too: that one must not delay the first analysis
  const opening = new Set<string>();
  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    diagnostics.schedule(e.document.uri, 0);
    configFiles.opened(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (opening.delete(e.document.uri)) return;
    diagnostics.schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    opening.delete(e.document.uri);
    links.cancel(e.document.uri);
    diagnostics.clear(e.document.uri);
    configFiles.closed(e.document.uri);
    templates.forget(e.document.uri);
    interviews.forget(e.document.uri);
    service.closeDocument(e.document.uri);
  });

  connection.onShutdown(async () => { links.dispose(); await session.dispose(); });

  documents.listen(connection);
  connection.listen();
}
