/**
 * Pushed diagnostics (textDocument/publishDiagnostics), so every LSP client gets them.
 * A burst of changes runs one analysis: each document waits `delayMs` after its last change.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiligenceService } from '../service/index';

export interface DiagnosticsScheduler {
  /** analyse and publish after the debounce, then call `onAnalysed` (the link checks) */
  schedule(uri: string, delayMs?: number): void;
  /** publish what is known now (link verdicts arriving), without starting anything */
  publishNow(uri: string): void;
  refreshAll(): void;
  clear(uri: string): void;
  /** analyses run so far (for tests and the benchmark) */
  readonly runs: number;
}

export function registerDiagnostics(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService, onAnalysed: (uri: string) => void = () => {}, defaultDelayMs = 150): DiagnosticsScheduler {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let runs = 0;

  const publish = (uri: string): void => {
    const doc = documents.get(uri);
    if (!doc) return;
    try {
      runs++;
      const diagnostics = service.isDiligenceDocument(doc) ? service.diagnostics(doc) : [];
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    } catch (e) {
      connection.console.error(`diagnostics for ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  };

  const schedule = (uri: string, delayMs = defaultDelayMs): void => {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      publish(uri);
      // a timer callback that throws would end the server: a malformed document costs its checks only
      try {
        onAnalysed(uri);
      } catch (e) {
        connection.console.error(`link checks for ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      }
    }, delayMs));
  };

  return {
    schedule,
    publishNow: publish,
    refreshAll: () => { for (const d of documents.all()) schedule(d.uri, 0); },
    clear(uri) {
      const t = timers.get(uri);
      if (t) clearTimeout(t);
      timers.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    },
    get runs() {
      return runs;
    },
  };
}
