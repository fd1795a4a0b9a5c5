/**
 * Commands that start from a project's application issue: "New Due-Diligence Document from
 * Application Issue…" (the server drafts it; opened untitled) and "Triage Application Issue…"
 * (the report opened as markdown; posting it as a comment is a second step, behind a button and
 * a confirmation). No analysis here.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { Register } from './commands';
import { DraftFromIssueRequest, PostTriageRequest, SetGitHubTokenNotification, TriageIssueRequest } from './protocol';
import { rememberSecret } from './redact';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const ISSUE_RE = /^(?:[\w.-]+\/[\w.-]+#\d{1,9}|https?:\/\/\S+\/[\w.-]+\/[\w.-]+\/issues\/\d{1,9}\S*)$/;

function askIssue(title: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, prompt: 'The application issue: OWNER/REPO#N or its URL', placeHolder: 'cncf/toc#1234', validateInput: (v) => (ISSUE_RE.test(v.trim()) ? undefined : 'OWNER/REPO#N or https://github.com/OWNER/REPO/issues/N') });
}

async function draft(client: LanguageClient): Promise<void> {
  const issue = await askIssue('New due-diligence document from application issue');
  if (!issue) return;
  const reviewer = vscode.workspace.getConfiguration('diligence').get<string>('reviewer.name') ?? '';
  try {
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Diligence: drafting from ${issue.trim()}…` }, () =>
      client.sendRequest(DraftFromIssueRequest, { issue: issue.trim(), reviewer }));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.text });
    await vscode.window.showTextDocument(doc);
    const s = r.stats;
    const problem = r.template.problem ? ` ${r.template.problem}; drafted on the built-in criteria.` : '';
    void vscode.window.showInformationMessage(`Diligence: ${s.withAssertion} of ${s.criteria} criteria carry the assertion of ${r.issue.ref}, ${s.evidence} evidence finding${s.evidence === 1 ? '' : 's'} added; nothing is ticked. Save it as ${r.fileName}.${problem}`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Diligence: could not draft the document: ${message(e)}`);
  }
}

async function post(client: LanguageClient, issue: string, markdown: string): Promise<void> {
  const session = await vscode.authentication.getSession('github', ['repo'], { createIfNone: true }).then((s) => s, () => undefined);
  if (!session) return;
  rememberSecret(session.accessToken);
  await client.sendNotification(SetGitHubTokenNotification, { token: session.accessToken });
  const ok = await vscode.window.showWarningMessage(`Post this triage report as a comment on ${issue}, as ${session.account.label}?`, { modal: true }, 'Post comment');
  if (ok !== 'Post comment') return;
  const r = await client.sendRequest(PostTriageRequest, { issue, markdown });
  const open = await vscode.window.showInformationMessage('Diligence: triage report posted.', 'Open in browser');
  if (open) await vscode.env.openExternal(vscode.Uri.parse(r.url));
}

async function triage(client: LanguageClient): Promise<void> {
  const issue = await askIssue('Triage application issue');
  if (!issue) return;
  try {
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Diligence: triaging ${issue.trim()}…` }, () =>
      client.sendRequest(TriageIssueRequest, { issue: issue.trim() }));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.markdown });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    const c = r.report.counts;
    const pick = await vscode.window.showInformationMessage(`Diligence: ${r.report.issue.ref}: ${c.met} met, ${c['not-met']} not met, ${c.unknown} could not tell. Suggested labels: ${r.report.labels.map((l) => l.name).join(', ')} (not applied).`, 'Post as Comment…');
    // what is posted is the report as the user now sees it (they may have edited it)
    if (pick) await post(client, r.report.issue.ref, doc.getText());
  } catch (e) {
    void vscode.window.showErrorMessage(`Diligence: could not triage the issue: ${message(e)}`);
  }
}

export function registerApplicationCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, register: Register): void {
  const run = (fn: (c: LanguageClient) => Promise<void>) => async (): Promise<void> => {
    const c = client();
    if (c) await fn(c).catch((e: unknown) => vscode.window.showErrorMessage(`Diligence: ${message(e)}`));
  };
  context.subscriptions.push(
    register('diligence.newDocumentFromIssue', run(draft)),
    register('diligence.triageIssue', run(triage)),
  );
}
