/**
 * `diligence/status`: after each analysis, the client learns whether the document is a
 * due-diligence document and its readiness (status bar, `when` clauses, the open report page).
 * Pushed rather than polled, and only to clients that asked for it.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiligenceService } from '../service/index';
import { type DocumentStatus, StatusNotification } from '../../../shared/protocol';
import { logFailure } from './requests';

export interface StatusNotifier {
  /** the client asked for Diligence's notifications */
  enabled: boolean;
  send(uri: string): void;
}

export function statusOf(service: DiligenceService, doc: TextDocument): DocumentStatus {
  const base = { uri: doc.uri, version: doc.version };
  if (!service.isDiligenceDocument(doc)) return { ...base, isDiligenceDocument: false };
  const r = service.report(doc);
  if (!r) return { ...base, isDiligenceDocument: true, tooLarge: true };
  const suggested = r.areas.reduce((t, a) => ({ met: t.met + a.suggested.met, total: t.total + a.suggested.total }), { met: 0, total: 0 });
  return {
    ...base,
    isDiligenceDocument: true,
    tooLarge: false,
    title: r.title,
    project: r.project,
    level: r.level,
    required: r.required,
    suggested,
    criteria: r.criteria,
    openTodos: r.todos.reduce((n, t) => n + t.count, 0),
    placeholders: r.placeholders,
  };
}

export function registerStatus(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService): StatusNotifier {
  const notifier: StatusNotifier = {
    enabled: false,
    send(uri) {
      if (!notifier.enabled) return;
      const doc = documents.get(uri);
      if (!doc) return;
      try {
        void connection.sendNotification(StatusNotification, statusOf(service, doc));
      } catch (e) {
        logFailure(connection.console, `status of ${uri}`, e);
      }
    },
  };
  return notifier;
}
