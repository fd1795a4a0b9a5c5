/** The LSP features and the report requests, through the request funnel (./requests.ts). */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FillAllPlaceholdersRequest, ReportRequest } from '../../../shared/protocol';
import { type DiligenceService, reportOutline, reportToMarkdown } from '../service/index';
import type { RequestFunnel } from './requests';

export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService, funnel: RequestFunnel): void {
  /** an LSP feature answers for due-diligence documents only, and with `empty` when it fails */
  const feature = <R>(what: string, uri: string, empty: R, run: (d: TextDocument) => R) => {
    const d = documents.get(uri);
    return d && service.isDiligenceDocument(d) ? funnel.runSync(what, empty, () => run(d)) : empty;
  };

  connection.onHover((p, token) => feature('hover', p.textDocument.uri, null, (d) => service.hover(d, p.position, token)));
  connection.onCodeAction((p, token) => feature('codeAction', p.textDocument.uri, [], (d) => service.codeActions(d, p.range, p.context.only, token)));
  connection.onDocumentSymbol((p, token) => feature('documentSymbol', p.textDocument.uri, [], (d) => service.documentSymbols(d, token)));
  connection.onCodeLens((p, token) => feature('codeLens', p.textDocument.uri, [], (d) => service.codeLenses(d, token)));
  connection.onFoldingRanges((p, token) => feature('foldingRange', p.textDocument.uri, [], (d) => service.foldingRanges(d, token)));
  connection.onCompletion((p, token) => feature('completion', p.textDocument.uri, [], (d) => service.completion(d, p.position, token)));

  funnel.onDocumentRequest(ReportRequest, (d) => {
    const report = service.report(d);
    const model = service.getModel(d);
    // outline: where the report's criteria and TODOs are, for the rendered report's links
    return report && model ? { uri: d.uri, version: d.version, report, markdown: reportToMarkdown(report), outline: reportOutline(model, report.template) } : null;
  });
  funnel.onDocumentRequest(FillAllPlaceholdersRequest, (d) => ({ uri: d.uri, version: d.version, edits: service.fillAllPlaceholders(d) }));
}
