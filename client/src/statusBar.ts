/**
 * The status bar item and the `diligence.isDiligenceDocument` context key, both for the active
 * editor, from the server's `diligence/status` notifications (the server decides what a
 * due-diligence document is; the client only remembers what it was told).
 */
import * as vscode from 'vscode';
import type { DocumentStatus } from '../../shared/protocol';
import { statusText, statusTooltip } from './format';

export const CONTEXT_IS_DD = 'diligence.isDiligenceDocument';
export const STATUS_ITEM_ID = 'diligence.status';

export class DiligenceStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly statuses = new Map<string, DocumentStatus>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<DocumentStatus>();
  /** fires for every status received (the report page listens) */
  readonly onDidChange = this.changed.event;
  private contextValue: boolean | undefined;
  /** the document the item is about: the active editor's, or the last one while a webview has focus */
  private shown: string | undefined;
  /** who is signed in to GitHub with which scopes (markdown), under the document's tooltip */
  private githubAccess = '';

  constructor() {
    this.item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Diligence';
    this.disposables.push(
      this.item,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((e) => {
        // a webview (the report) taking focus leaves the item on the document it is about
        if (e && e.document.uri.scheme !== 'output') this.update(e.document.uri.toString());
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const uri = d.uri.toString();
        this.statuses.delete(uri);
        if (uri === this.shown) this.update(vscode.window.activeTextEditor?.document.uri.toString());
      }),
    );
    this.update(vscode.window.activeTextEditor?.document.uri.toString());
  }

  get(uri: string): DocumentStatus | undefined {
    return this.statuses.get(uri);
  }

  /** What the item shows now (for the editor tests: VS Code has no API to read another's item). */
  get current(): { text: string; tooltip: string; visible: boolean; uri: string | undefined } {
    const s = this.shown ? this.statuses.get(this.shown) : undefined;
    return { text: s ? statusText(s) ?? '' : '', tooltip: s ? this.tooltipOf(s) : '', visible: s !== undefined && statusText(s) !== undefined, uri: this.shown };
  }

  set(status: DocumentStatus): void {
    const old = this.statuses.get(status.uri);
    if (old && old.version > status.version) return;
    this.statuses.set(status.uri, status);
    this.changed.fire(status);
    if (status.uri === vscode.window.activeTextEditor?.document.uri.toString() || status.uri === this.shown) this.update(status.uri);
  }

  /** the server restarted: what it said before no longer holds */
  clear(): void {
    this.statuses.clear();
    this.update(vscode.window.activeTextEditor?.document.uri.toString());
  }

  private update(uri: string | undefined): void {
    this.shown = uri;
    const s = uri ? this.statuses.get(uri) : undefined;
    const text = s ? statusText(s) : undefined;
    this.setContext(text !== undefined);
    if (!s || text === undefined) {
      this.item.hide();
      return;
    }
    this.item.text = text;
    const tip = new vscode.MarkdownString(this.tooltipOf(s));
    tip.isTrusted = false;
    tip.supportHtml = false;
    this.item.tooltip = tip;
    this.item.command = { title: 'Show Readiness Report', command: 'diligence.showReport', arguments: [s.uri] };
    this.item.accessibilityInformation = { label: `Diligence: ${text}. Open the readiness report.`, role: 'button' };
    this.item.show();
  }

  /** The GitHub sign-in changed (account, scopes, provider). */
  setGitHubAccess(line: string): void {
    if (line === this.githubAccess) return;
    this.githubAccess = line;
    this.update(this.shown);
  }

  private tooltipOf(s: DocumentStatus): string {
    const tip = statusTooltip(s);
    return this.githubAccess && s.isDiligenceDocument && !s.tooLarge ? `${tip}\n\n${this.githubAccess}` : tip;
  }

  private setContext(value: boolean): void {
    if (value === this.contextValue) return;
    this.contextValue = value;
    void vscode.commands.executeCommand('setContext', CONTEXT_IS_DD, value);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
