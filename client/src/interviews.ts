/**
 * Adopter interviews and the public comment, in the editor: "New Adopter Interview…" (the server
 * gives the text from the questions template; the file is created beside the document, never
 * over one), "Show Adopter Interviews" (the tracker as a pick list that opens a file) and "Draft
 * Public Comment E-mail" (opened untitled, to copy; the KubeCon freeze said as a warning).
 * No analysis here.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { Register } from './commands';
import { InterviewsRequest, NewInterviewRequest, PublicCommentRequest } from './protocol';

const notesShown = new Set<string>();
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function diligenceEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') return editor;
  void vscode.window.showWarningMessage('Diligence: open the due-diligence document first.');
  return undefined;
}

async function newInterview(client: LanguageClient): Promise<void> {
  const editor = diligenceEditor();
  if (!editor) return;
  const organisation = await vscode.window.showInputBox({ title: 'New adopter interview', prompt: 'The adopting organisation', validateInput: (v) => (v.trim() ? undefined : 'the organisation is needed') });
  if (!organisation) return;
  const kind = await vscode.window.showQuickPick([
    { label: 'Attributable', anonymous: false, detail: 'the organisation may be named' },
    { label: 'Anonymous', anonymous: true, detail: 'the file and the summary name only its industry' },
  ], { title: 'New adopter interview' });
  if (!kind) return;
  const r = await client.sendRequest(NewInterviewRequest, { uri: editor.document.uri.toString(), organisation: organisation.trim(), anonymous: kind.anonymous });
  const target = vscode.Uri.parse(r.uri);
  const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
  if (r.created && !exists) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(r.text));
  await vscode.window.showTextDocument(target);
  if (!r.created || exists) void vscode.window.showInformationMessage(`Diligence: ${r.fileName} is already there; it was not changed.`);
}

async function showInterviews(client: LanguageClient): Promise<void> {
  const editor = diligenceEditor();
  if (!editor) return;
  const t = await client.sendRequest(InterviewsRequest, { uri: editor.document.uri.toString() });
  if (t.rows.length === 0) {
    void vscode.window.showInformationMessage('Diligence: no adopter interview files beside this document. "New Adopter Interview…" starts one.');
    return;
  }
  const pick = await vscode.window.showQuickPick(t.rows.map((r) => ({
    label: r.organisation,
    description: `${r.state.replace('-', ' ')}${r.since ? ` since ${r.since}` : ''}${r.daysSinceRequest !== null ? ` · requested ${r.daysSinceRequest} days ago` : ''}`,
    ...(r.hint ? { detail: r.hint } : {}),
    uri: r.uri,
  })), { title: `Adopter interviews: ${t.held} held of the ${t.needed} needed, ${t.approved} approved` });
  if (pick) await vscode.window.showTextDocument(vscode.Uri.parse(pick.uri));
}

async function publicComment(client: LanguageClient): Promise<void> {
  const editor = diligenceEditor();
  if (!editor) return;
  const coSponsor = await vscode.window.showInputBox({ title: 'Public comment e-mail', prompt: 'The other TOC sponsor (leave empty to keep $TOCSPONSOR)' });
  if (coSponsor === undefined) return;
  const r = await client.sendRequest(PublicCommentRequest, { uri: editor.document.uri.toString(), ...(coSponsor.trim() ? { coSponsor: coSponsor.trim() } : {}) });
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.markdown });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  for (const w of r.warnings) void vscode.window.showWarningMessage(`Diligence: ${w.message}`);
  // each note once per session (the KubeCon one would say the same every time)
  for (const n of r.notes.filter((x) => !notesShown.has(x))) {
    notesShown.add(n);
    void vscode.window.showInformationMessage(`Diligence: ${n}`);
  }
  if (r.unfilled.length > 0) void vscode.window.showInformationMessage(`Diligence: left for you to fill: ${r.unfilled.join(', ')}.`);
}

export function registerInterviewCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, register: Register): void {
  const run = (fn: (c: LanguageClient) => Promise<void>) => async (): Promise<void> => {
    const c = client();
    if (c) await fn(c).catch((e: unknown) => vscode.window.showErrorMessage(`Diligence: ${message(e)}`));
  };
  context.subscriptions.push(
    register('diligence.newInterview', run(newInterview)),
    register('diligence.showInterviews', run(showInterviews)),
    register('diligence.draftPublicComment', run(publicComment)),
  );
}
