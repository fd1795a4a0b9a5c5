/**
 * **Show Readiness Report (Markdown)** opens the report as a read-only virtual document
 * (`diligence-report:` scheme): it is never dirty, so closing it asks nothing, and the server
 * (file and untitled documents only) does not analyse our own report.
 */
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'diligence-report';

export class MarkdownReports implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** The report's URI for a document (one per document, updated in place), its text now `markdown`. */
  set(document: vscode.Uri, markdown: string): vscode.Uri {
    const base = document.path.split('/').pop()?.replace(/\.(?:md|markdown)$/i, '') || 'document';
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${base} readiness report.md`, query: document.toString() });
    this.texts.set(uri.toString(), markdown);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This report is no longer available: run **Diligence: Show Readiness Report (Markdown)** again.\n';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
