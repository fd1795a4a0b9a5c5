/**
 * Commands backed by evidence discovery's server requests: "New due-diligence document…" (the
 * template read from its canonical repository by the server, filled, opened untitled) and
 * "Open GitHub issue from TODOs…" (confirmation first; the server creates the issue with the
 * signed-in token). No analysis here.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { newDocumentChoices } from './format';

interface TemplateProfile {
  id: string;
  name: string;
  stage: string;
  template: { repo: string; path: string } | null;
}

interface NewDocumentResult {
  text: string;
  fileName: string;
  source: { url: string };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function newDocument(client: LanguageClient): Promise<void> {
  const profiles = await client.sendRequest<TemplateProfile[]>('diligence/templateProfiles');
  const choices = newDocumentChoices(profiles);
  if (choices.none) {
    void vscode.window.showWarningMessage(choices.none);
    return;
  }
  const pick = await vscode.window.showQuickPick(choices.items, { title: 'New due-diligence document', placeHolder: choices.placeHolder });
  if (!pick) return;
  const project = await vscode.window.showInputBox({ title: 'New due-diligence document', prompt: 'Project name', validateInput: (v) => (v.trim() ? undefined : 'A project name is needed') });
  if (!project) return;
  const reviewer = vscode.workspace.getConfiguration('diligence').get<string>('reviewer.name') ?? '';
  try {
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Diligence: fetching the template…' }, () =>
      client.sendRequest<NewDocumentResult>('diligence/newDocument', { profile: pick.id, project, reviewer }));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.text });
    await vscode.window.showTextDocument(doc);
    void vscode.window.showInformationMessage(`Diligence: template from ${r.source.url}. Save it as ${r.fileName}.`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Diligence: could not create the document: ${message(e)}`);
  }
}

async function openIssue(client: LanguageClient, target: () => string | undefined): Promise<void> {
  const uri = target();
  if (!uri) return;
  const owners = await client.sendRequest<Array<{ owner: string; count: number }>>('diligence/report', { uri })
    .then((r) => (r as { report?: { todos?: Array<{ owner: string; count: number }> } } | null)?.report?.todos ?? []);
  if (owners.length === 0) {
    void vscode.window.showInformationMessage('Diligence: this document has no open TODO.');
    return;
  }
  const who = await vscode.window.showQuickPick(owners.map((o) => ({ label: o.owner, description: `${o.count} open`, owner: o.owner })), { title: 'Open GitHub issue from TODOs', placeHolder: 'Whose TODOs?' });
  if (!who) return;
  const repo = await vscode.window.showInputBox({ title: 'Open GitHub issue from TODOs', prompt: 'Repository (owner/name) to open the issue in', validateInput: (v) => (/^[\w.-]+\/[\w.-]+$/.test(v.trim()) ? undefined : 'owner/name') });
  if (!repo) return;
  const session = await vscode.authentication.getSession('github', ['repo'], { createIfNone: true }).then((s) => s, () => undefined);
  if (!session) return;
  await client.sendNotification('diligence/setGitHubToken', { token: session.accessToken });
  const ok = await vscode.window.showWarningMessage(`Open an issue in ${repo.trim()} with the ${who.description} TODOs of ${who.owner}, as ${session.account.label}?`, { modal: true }, 'Open issue');
  if (ok !== 'Open issue') return;
  try {
    const r = await client.sendRequest<{ url: string; count: number }>('diligence/openIssueFromTodos', { uri, owner: who.owner, repo: repo.trim() });
    const open = await vscode.window.showInformationMessage(`Diligence: issue opened with ${r.count} TODO${r.count === 1 ? '' : 's'}.`, 'Open in browser');
    if (open) await vscode.env.openExternal(vscode.Uri.parse(r.url));
  } catch (e) {
    void vscode.window.showErrorMessage(`Diligence: could not open the issue: ${message(e)}`);
  }
}

export function registerEvidenceCommands(context: vscode.ExtensionContext, client: () => Promise<LanguageClient | undefined>, target: () => string | undefined): void {
  const run = (fn: (c: LanguageClient) => Promise<void>) => async (): Promise<void> => {
    const c = await client();
    if (c) await fn(c).catch((e: unknown) => vscode.window.showErrorMessage(`Diligence: ${message(e)}`));
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('diligence.newDocument', run(newDocument)),
    vscode.commands.registerCommand('diligence.openIssueFromTodos', run((c) => openIssue(c, target))),
  );
}
