/** Request handlers: find the document, call the service, pass the token, convert errors. */
import { type Connection, ErrorCodes, LSPErrorCodes, ResponseError, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { REPORT_REQUEST } from './protocol';
import { CancelledError, type DiligenceService, reportOutline, reportToMarkdown } from '../service/index';

export { REPORT_REQUEST } from './protocol';
export const FILL_ALL_REQUEST = 'diligence/fillAllPlaceholders';

function guard<T>(connection: Connection, what: string, fallback: T, run: () => T): T | ResponseError<void> {
  try {
    return run();
  } catch (e) {
    if (e instanceof CancelledError) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    connection.console.error(`${what} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return fallback;
  }
}

export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService): void {
  const doc = (uri: string): TextDocument | undefined => {
    const d = documents.get(uri);
    return d && service.isDiligenceDocument(d) ? d : undefined;
  };

  connection.onHover((p, token) => {
    const d = doc(p.textDocument.uri);
    return d ? guard(connection, 'hover', null, () => service.hover(d, p.position, token)) : null;
  });
  connection.onCodeAction((p, token) => {
    const d = doc(p.textDocument.uri);
    return d ? guard(connection, 'codeAction', [], () => service.codeActions(d, p.range, p.context.only, token)) : [];
  });
  connection.onDocumentSymbol((p, token) => {
    const d = doc(p.textDocument.uri);
    return d ? guard(connection, 'documentSymbol', [], () => service.documentSymbols(d, token)) : [];
  });
  connection.onCodeLens((p, token) => {
    const d = doc(p.textDocument.uri);
    return d ? guard(connection, 'codeLens', [], () => service.codeLenses(d, token)) : [];
  });
  connection.onFoldingRanges((p, token) => {
    const d = doc(p.textDocument.uri);
    return d ? guard(connection, 'foldingRange', [], () => service.foldingRanges(d, token)) : [];
  });
  connection.onCompletion((p, token) => {
    const d = doc(p.textDocument.uri);
    return d ? guard(connection, 'completion', [], () => service.completion(d, p.position, token)) : [];
  });
  connection.onRequest(REPORT_REQUEST, (p: { uri: string }) => {
    const d = documents.get(p?.uri);
    if (!d) return new ResponseError(ErrorCodes.InvalidParams, `unknown document: ${String(p?.uri)}`);
    const report = service.report(d);
    const model = service.getModel(d);
    // outline: where the report's criteria and TODOs are, for the rendered report's links
    return report && model ? { uri: d.uri, version: d.version, report, markdown: reportToMarkdown(report), outline: reportOutline(model) } : null;
  });
  connection.onRequest(FILL_ALL_REQUEST, (p: { uri: string }) => {
    const d = documents.get(p?.uri);
    if (!d) return new ResponseError(ErrorCodes.InvalidParams, `unknown document: ${String(p?.uri)}`);
    return { uri: d.uri, version: d.version, edits: service.fillAllPlaceholders(d) };
  });
}
