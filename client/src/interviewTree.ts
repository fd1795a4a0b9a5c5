/**
 * The Adopter Interviews view (Explorer, `diligence.interviews`): per open due diligence, its
 * interview files as the server's tracker gives them (`diligence/interviews`; interviewTreeModel.ts
 * builds the items). Shown while a due diligence is open (`diligence.interviewsView`); refreshed
 * when the server says a document's interviews changed (`diligence/interviewsChanged`), when a
 * due diligence's status comes (opened, edited) and when a markdown file beside one is saved. A
 * click opens the file. No analysis here.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { DocumentStatus } from '../../shared/protocol';
import { interviewTreeNodes, type InterviewNode, type TrackedDocument } from './interviewTreeModel';
import { InterviewsRequest } from './protocol';

export const INTERVIEWS_VIEW = 'diligence.interviews';
export const CONTEXT_INTERVIEWS_VIEW = 'diligence.interviewsView';

const folderOf = (uri: string): string => uri.slice(0, uri.lastIndexOf('/') + 1);
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class InterviewTree implements vscode.TreeDataProvider<InterviewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InterviewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** the open due diligences, as the server's statuses said */
  private readonly documents = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shown: boolean | undefined;
  /** the next listing asks the server to list the folders again (the view's Refresh) */
  private relist = false;

  constructor(private readonly client: () => BaseLanguageClient | undefined, onStatus: vscode.Event<DocumentStatus>) {
    this.disposables.push(
      onStatus((s) => {
        if (s.isDiligenceDocument) this.documents.add(s.uri);
        else this.documents.delete(s.uri);
        this.refresh();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.documents.delete(d.uri.toString())) this.refresh();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        const folder = folderOf(d.uri.toString());
        if (d.languageId === 'markdown' && [...this.documents].some((u) => folderOf(u) === folder)) this.refresh();
      }),
    );
    this.setContext();
  }

  /** the server says the interviews beside `uri` changed (for an interview file: its folder's) */
  serverChanged(uri: string): void {
    const folder = folderOf(uri);
    if ([...this.documents].some((u) => u === uri || folderOf(u) === folder)) this.refresh();
  }

  /** the server restarted: its statuses come again */
  clear(): void {
    this.documents.clear();
    this.refresh();
  }

  /** the view's Refresh: the folders listed again, for interview files added or changed outside the editor */
  relistNow(): void {
    this.relist = true;
    this.refresh();
  }

  /** a refresh soon: the statuses of one publication come together */
  refresh(): void {
    this.setContext();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire(undefined);
    }, 300);
  }

  private setContext(): void {
    const shown = this.documents.size > 0;
    if (shown === this.shown) return;
    this.shown = shown;
    void vscode.commands.executeCommand('setContext', CONTEXT_INTERVIEWS_VIEW, shown);
  }

  getTreeItem(n: InterviewNode): vscode.TreeItem {
    const item = new vscode.TreeItem(n.label, n.children ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = n.id;
    item.description = n.description;
    const tip = new vscode.MarkdownString(n.tooltip);
    tip.isTrusted = false;
    item.tooltip = tip;
    item.iconPath = new vscode.ThemeIcon(n.icon);
    item.contextValue = n.contextValue;
    if (n.open) item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(n.open)] };
    return item;
  }

  async getChildren(n?: InterviewNode): Promise<InterviewNode[]> {
    if (n) return n.children ?? [];
    const c = this.client();
    if (!c) return [];
    const relist = this.relist;
    this.relist = false;
    const tracked = await Promise.all([...this.documents].map(async (uri): Promise<TrackedDocument> => {
      try {
        return { uri, tracker: await c.sendRequest(InterviewsRequest, relist ? { uri, relist } : { uri }) };
      } catch (e) {
        return { uri, tracker: { error: `The interviews are not known here: ${message(e)}` } };
      }
    }));
    return interviewTreeNodes(tracked);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

export function registerInterviewTree(context: vscode.ExtensionContext, client: () => BaseLanguageClient | undefined, onStatus: vscode.Event<DocumentStatus>): InterviewTree {
  const tree = new InterviewTree(client, onStatus);
  context.subscriptions.push(tree, vscode.window.registerTreeDataProvider(INTERVIEWS_VIEW, tree));
  return tree;
}
