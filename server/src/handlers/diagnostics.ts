/**
 * Pushed diagnostics (textDocument/publishDiagnostics), so every LSP client gets them.
 * A burst of changes runs one analysis: each document waits `delayMs` after its last change,
 * and an analysis still under way when a newer version arrives is given up for it.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiligenceService } from '../service/index';
import { logFailure } from './requests';

export interface DiagnosticsScheduler {
  /** analyse and publish after the debounce, then call `onAnalysed` (the link checks) */
  schedule(uri: string, delayMs?: number): void;
  /** publish what is known now (link verdicts arriving), without starting anything */
  publishNow(uri: string): void;
  refreshAll(): void;
  clear(uri: string): void;
  /** analyses started so far (for tests and the benchmark; the service counts those finished) */
  readonly runs: number;
}

export function registerDiagnostics(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService, onAnalysed: (uri: string) => void = () => {}, defaultDelayMs = 150): DiagnosticsScheduler {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let runs = 0;

  /**
   * Analyses (in steps, yielding to incoming messages) and publishes. A newer version arriving
   * meanwhile gives this analysis up; the newer one publishes. False when nothing was published.
   */
  const publish = async (uri: string): Promise<boolean> => {
    const doc = documents.get(uri);
    if (!doc) return false;
    try {
      runs++;
      // a markdown file that does not look like a due diligence is not parsed at all
      if (service.mayBeDiligenceDocument(doc)) await service.analyse(doc);
      if (documents.get(uri)?.version !== doc.version) return false;
      const wanted = service.mayBeDiligenceDocument(doc) && service.isDiligenceDocument(doc);
      // an adopter interview beside a due diligence gets its own lints (service/interviews/)
      const diagnostics = wanted ? service.diagnostics(doc) : service.interviews.diagnostics(doc);
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
      return true;
    } catch (e) {
      logFailure(connection.console, `diagnostics for ${uri}`, e);
      return false;
    }
  };

  const schedule = (uri: string, delayMs = defaultDelayMs): void => {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      void publish(uri).then((published) => {
        if (!published) return;
        // a throw here would be an unhandled rejection: a malformed document costs its checks only
        try {
          onAnalysed(uri);
        } catch (e) {
          logFailure(connection.console, `link checks for ${uri}`, e);
        }
      });
    }, delayMs));
  };

  return {
    schedule,
    publishNow: (uri) => void publish(uri),
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
