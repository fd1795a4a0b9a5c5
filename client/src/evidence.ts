/**
 * Commands backed by evidence discovery's server requests: "New due-diligence document…" (the
 * template read from its canonical repository by the server, filled, opened untitled) and
 * "Open GitHub issue from TODOs…" (confirmation first; the server creates the issue with a
 * session asked for then: `public_repo`, or `repo` once the target proves private). No analysis here.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { Register } from './commands';
import { newDocumentChoices } from './format';
import { NewDocumentRequest, OpenIssueFromTodosRequest, RefreshEvidenceRequest, TemplateProfilesRequest, TodoOwnersRequest } from './protocol';
import type { GitHubAuth } from './github';
import { issueScopes, mayBePrivate } from './githubAccess';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function newDocument(client: LanguageClient): Promise<void> {
  const profiles = await client.sendRequest(TemplateProfilesRequest);
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
      client.sendRequest(NewDocumentRequest, { profile: pick.id, project, reviewer }));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.text });
    await vscode.window.showTextDocument(doc);
    void vscode.window.showInformationMessage(`Diligence: template from ${r.source.url}. Save it as ${r.fileName}.`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Diligence: could not create the document: ${message(e)}`);
  }
}

type IssueAttempt = 'done' | 'declined' | 'failed' | 'maybe-private';

/** One try at opening the issue with a session of the scope the target needs. */
async function tryIssue(client: LanguageClient, auth: GitHubAuth, params: { uri: string; owner: string; repo: string; count: string }, privateTarget: boolean): Promise<IssueAttempt> {
  const session = await auth.issueSession(params.repo, privateTarget);
  if (!session) return 'declined';
  const scope = issueScopes(privateTarget).join(', ');
  const ok = await vscode.window.showWarningMessage(`Open an issue in ${params.repo} with the ${params.count} TODOs of ${params.owner}, as ${session.account.label} (GitHub scope ${scope})?`, { modal: true }, 'Open issue');
  if (ok !== 'Open issue') return 'declined';
  try {
    const r = await client.sendRequest(OpenIssueFromTodosRequest, { uri: params.uri, owner: params.owner, repo: params.repo });
    const open = await vscode.window.showInformationMessage(`Diligence: issue opened with ${r.count} TODO${r.count === 1 ? '' : 's'}.`, 'Open in browser');
    if (open) await vscode.env.openExternal(vscode.Uri.parse(r.url));
    return 'done';
  } catch (e) {
    if (!privateTarget && mayBePrivate(message(e))) return 'maybe-private';
    void vscode.window.showErrorMessage(`Diligence: could not open the issue: ${message(e)}`);
    return 'failed';
  }
}

async function openIssue(client: LanguageClient, auth: GitHubAuth, target: () => string | undefined): Promise<void> {
  const uri = target();
  if (!uri) return;
  const { owners } = await client.sendRequest(TodoOwnersRequest, { uri });
  if (owners.length === 0) {
    void vscode.window.showInformationMessage('Diligence: this document has no open TODO.');
    return;
  }
  const who = await vscode.window.showQuickPick(owners.map((o) => ({ label: o.owner, description: `${o.count} open`, owner: o.owner })), { title: 'Open GitHub issue from TODOs', placeHolder: 'Whose TODOs?' });
  if (!who) return;
  const repo = await vscode.window.showInputBox({ title: 'Open GitHub issue from TODOs', prompt: 'Repository (owner/name) to open the issue in', validateInput: (v) => (/^[\w.-]+\/[\w.-]+$/.test(v.trim()) ? undefined : 'owner/name') });
  if (!repo) return;
  const params = { uri, owner: who.owner, repo: repo.trim(), count: who.description };
  try {
    // public_repo first; repo only when the target turns out to be private, and only if the user agrees
    if (await tryIssue(client, auth, params, false) !== 'maybe-private') return;
    const more = await vscode.window.showWarningMessage(`Diligence: ${params.repo} was not found, or takes no issue, with access to public repositories only. If it is private, opening the issue needs the "repo" scope (read and write access to all your private repositories). Ask GitHub for it?`, { modal: true }, 'Ask for "repo"');
    if (more) await tryIssue(client, auth, params, true);
  } finally {
    // link checks go back to the scope-less session
    await auth.sendToken();
  }
}

/**
 * "Refresh evidence": the server discovers again and answers the rewritten facts; they are
 * applied to the document (only the lines Diligence inserted), and what changed is shown.
 */
async function refreshEvidence(client: LanguageClient, uri: string | undefined): Promise<void> {
  if (!uri) return;
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Diligence: discovering the evidence again…' }, () =>
    client.sendRequest(RefreshEvidenceRequest, { uri }));
  if (!r) {
    void vscode.window.showInformationMessage('Diligence: evidence discovery is off for this document.');
    return;
  }
  if (r.edits.length > 0) {
    const edit = new vscode.WorkspaceEdit();
    const target = vscode.Uri.parse(uri);
    for (const e of r.edits) edit.replace(target, client.protocol2CodeConverter.asRange(e.range), e.newText);
    await vscode.workspace.applyEdit(edit);
  }
  const head = r.notDiscovered && r.rewritten === 0 ? `not discovered: ${r.notDiscovered}` : `${r.rewritten} fact${r.rewritten === 1 ? '' : 's'} rewritten, ${r.changes.length} changed`;
  void vscode.window.showInformationMessage(`Diligence: refresh evidence: ${head}.`, ...(r.changes.length > 0 ? ['Show changes'] : [])).then((pick) => {
    if (pick) void vscode.workspace.openTextDocument({ language: 'markdown', content: `# Evidence refreshed\n\n${r.changes.map((c) => `- ${c}`).join('\n')}\n` }).then((d) => vscode.window.showTextDocument(d, { preview: true }));
  });
}

export function registerEvidenceCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, target: () => string | undefined, register: Register, auth: GitHubAuth): void {
  const run = (fn: (c: LanguageClient) => Promise<void>) => async (): Promise<void> => {
    const c = client();
    if (c) await fn(c).catch((e: unknown) => vscode.window.showErrorMessage(`Diligence: ${message(e)}`));
  };
  context.subscriptions.push(
    register('diligence.newDocument', run(newDocument)),
    register('diligence.openIssueFromTodos', run((c) => openIssue(c, auth, target))),
    register('diligence.refreshEvidence', async (uri?: unknown) => {
      const c = client();
      if (c) await refreshEvidence(c, typeof uri === 'string' ? uri : target()).catch((e: unknown) => vscode.window.showErrorMessage(`Diligence: ${message(e)}`));
    }),
  );
}
