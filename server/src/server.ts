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
import { createDiligenceService, FILL_ALL_KIND } from './service/index';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = createDiligenceService({
  logger: {
    debug: () => {},
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  },
});

let canPullConfiguration = false;
let canRegisterConfiguration = false;
const diagnostics = registerDiagnostics(connection, documents, service);
const configuration = registerConfiguration(connection, service, () => canPullConfiguration, () => diagnostics.refreshAll());
registerFeatures(connection, documents, service);

connection.onInitialize((params) => {
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  canRegisterConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings !== undefined) void configuration.load(init.settings);
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
  diagnostics.clear(e.document.uri);
  service.closeDocument(e.document.uri);
});

documents.listen(connection);
connection.listen();
