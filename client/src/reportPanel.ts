/**
 * The readiness report in a webview beside the document: one panel per document, refreshed when
 * the server reports a new analysis of it, with links that reveal a line in the editor.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { DocumentStatus, ReportResponse } from '../../shared/protocol';
import { ReportRequest } from './protocol';
import { renderReportBody, renderReportPage } from './reportHtml';

export const REPORT_VIEW_TYPE = 'diligence.report';

interface Panel {
  panel: vscode.WebviewPanel;
  uri: vscode.Uri;
  /** the version shown, to skip duplicate refreshes */
  version: number;
  refreshing: boolean;
  again: boolean;
}

/** 16 random bytes as hex, from the web crypto (Node and browsers alike) */
function nonce(): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, Panel>();
  /** the document of the report page that has focus, if one has */
  private active: vscode.Uri | undefined;

  constructor(private readonly getClient: () => LanguageClient | undefined, private readonly output: vscode.LogOutputChannel) {}

  /** The report of `uri` as a page beside it (created, or revealed and refreshed). */
  async show(uri: vscode.Uri): Promise<boolean> {
    const key = uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal(undefined, true);
      await this.refresh(existing);
      return true;
    }
    const data = await this.fetch(uri);
    if (!data) return false;
    const name = uri.path.split('/').pop() || key;
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, `Readiness: ${name}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      // nothing is loaded from disk or the network
      localResourceRoots: [],
    });
    const entry: Panel = { panel, uri, version: data.version, refreshing: false, again: false };
    this.panels.set(key, entry);
    panel.webview.html = renderReportPage(data, { nonce: nonce(), cspSource: panel.webview.cspSource });
    panel.webview.onDidReceiveMessage((m: unknown) => void this.reveal(entry, m));
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.active = uri;
      else if (this.active?.toString() === key) this.active = undefined;
    });
    panel.onDidDispose(() => {
      this.panels.delete(key);
      if (this.active?.toString() === key) this.active = undefined;
    });
    return true;
  }

  /** A new status for a document: refresh its page if one is open. */
  onStatus(s: DocumentStatus): void {
    const entry = this.panels.get(s.uri);
    if (entry && s.version !== entry.version) void this.refresh(entry);
  }

  /** The document whose report page has focus: commands run from there act on it. */
  get activeDocument(): vscode.Uri | undefined {
    return this.active;
  }

  /** The titles of the open report pages (for the editor tests). */
  get openReports(): string[] {
    return [...this.panels.values()].map((p) => p.panel.title);
  }

  private async fetch(uri: vscode.Uri): Promise<ReportResponse | undefined> {
    const client = this.getClient();
    if (!client) return undefined;
    try {
      const res = await client.sendRequest(ReportRequest, { uri: uri.toString() });
      if (!res) {
        void vscode.window.showInformationMessage('Diligence: this document is larger than diligence.maxDocumentSize, so it has no report.');
        return undefined;
      }
      return res;
    } catch (e) {
      this.output.warn(`the readiness report of ${uri.toString()} failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private async refresh(entry: Panel): Promise<void> {
    if (entry.refreshing) {
      entry.again = true;
      return;
    }
    entry.refreshing = true;
    try {
      const data = await this.fetch(entry.uri);
      if (data && this.panels.get(entry.uri.toString()) === entry) {
        entry.version = data.version;
        await entry.panel.webview.postMessage({ type: 'update', html: renderReportBody(data) });
      }
    } finally {
      entry.refreshing = false;
      if (entry.again) {
        entry.again = false;
        void this.refresh(entry);
      }
    }
  }

  private async reveal(entry: Panel, m: unknown): Promise<void> {
    if (typeof m !== 'object' || m === null || (m as { type?: unknown }).type !== 'reveal') return;
    const line = (m as { line?: unknown }).line;
    if (typeof line !== 'number' || !Number.isInteger(line) || line < 0) return;
    const doc = await vscode.workspace.openTextDocument(entry.uri);
    const at = new vscode.Position(Math.min(line, doc.lineCount - 1), 0);
    // back in the editor the document is open in, else beside the report
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === entry.uri.toString());
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(at, at), preserveFocus: false });
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
    this.panels.clear();
  }
}
