/**
 * The Diligence language server. Start it with `--stdio` (any editor) or through
 * vscode-languageclient (IPC). All analysis lives in ./service; this file only wires the
 * protocol to it.
 */
import { CodeActionKind, createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerConfiguration } from './handlers/configuration';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerFeatures } from './handlers/features';
import { registerLinkChecks } from './handlers/links';
import { createDiligenceService, FILL_ALL_KIND } from './service/index';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger = {
  debug: () => {},
  info: (m: string) => connection.console.info(m),
  warn: (m: string) => connection.console.warn(m),
  error: (m: string) => connection.console.error(m),
};
const service = createDiligenceService({ logger });
// Node ends the process on an unhandled rejection: a bug in one document's handling is logged
// instead of taking the editor's server down (test/protocol/hostile.test.ts)
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));

let canPullConfiguration = false;
let canRegisterConfiguration = false;
// local diagnostics first; the link checks start once they are out, and re-publish as they go
const diagnostics = registerDiagnostics(connection, documents, service, (uri) => links.schedule(uri));
const links = registerLinkChecks(connection, documents, service, { publish: (uri) => diagnostics.publishNow(uri), logger });
const configuration = registerConfiguration(connection, service, () => canPullConfiguration, () => {
  links.reconfigure();
  diagnostics.refreshAll();
});
registerFeatures(connection, documents, service);

connection.onInitialize((params) => {
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  canRegisterConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  const init = params.initializationOptions as { settings?: unknown; storagePath?: string; trusted?: boolean } | undefined;
  if (init?.settings !== undefined) void configuration.load(init.settings);
  void links.init({ ...(typeof init?.storagePath === 'string' ? { storagePath: init.storagePath } : {}), ...(typeof init?.trusted === 'boolean' ? { trusted: init.trusted } : {}) });
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FILL_ALL_KIND] },
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

documents.onDidOpen((e) => diagnostics.schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => diagnostics.schedule(e.document.uri));
documents.onDidClose((e) => {
  links.cancel(e.document.uri);
  diagnostics.clear(e.document.uri);
  service.closeDocument(e.document.uri);
});

connection.onShutdown(() => links.dispose());

documents.listen(connection);
connection.listen();
