/**
 * "Open GitHub issue from TODOs…": the open TODOs of one owner as an issue body (a task list,
 * each with its criterion and its line in the document), created through the GitHub API with
 * the signed-in token. The client asks for confirmation before calling this.
 */
import type { CancellationToken } from '../host';
import type { DiligenceModel } from '../model/types';
import { openTodosOf } from '../features/todosForOwner';
import { parseRepo } from './discover';
import type { ApiOutcome, CreatedIssue, EvidenceGitHub } from './types';

export interface IssueFromTodosParams {
  uri: string;
  /** the owner as written, or its folded key */
  owner: string;
  /** "owner/name" */
  repo: string;
  title?: string;
  /** an https URL of the document (e.g. its GitHub page) for links back to the lines */
  documentUrl?: string;
}

export function todosIssueBody(model: DiligenceModel, owner: string, documentUrl?: string): { owner: string; count: number; body: string } {
  const open = openTodosOf(model, owner);
  const name = open[0]?.owner ?? owner;
  const lines: string[] = [];
  const title = model.title?.text ?? 'the due-diligence document';
  lines.push(`Open items for **${name}** from ${documentUrl && /^https:\/\//.test(documentUrl) ? `[${title}](${documentUrl})` : title}:`, '');
  for (const t of open) {
    const line = model.lines.positionAt(t.marker.start).line + 1;
    const where = documentUrl && /^https:\/\//.test(documentUrl) ? `[line ${line}](${documentUrl}#L${line})` : `line ${line}`;
    const criterion = t.criterion >= 0 ? `**${model.criteria[t.criterion]!.title.replace(/\s+/g, ' ').trim()}**: ` : '';
    lines.push(`- [ ] ${criterion}${t.text} (${where})`);
  }
  return { owner: name, count: open.length, body: lines.join('\n') + '\n' };
}

export async function openIssueFromTodos(github: EvidenceGitHub, model: DiligenceModel, params: IssueFromTodosParams, token: CancellationToken): Promise<ApiOutcome<CreatedIssue & { count: number }>> {
  const repo = parseRepo(params.repo);
  if (!repo) return { ok: false, kind: 'other', message: `"${params.repo}" is not OWNER/NAME` };
  const { owner, count, body } = todosIssueBody(model, params.owner, params.documentUrl);
  if (count === 0) return { ok: false, kind: 'other', message: `${params.owner} has no open TODO in this document` };
  const title = params.title?.trim() || `Due diligence: ${count} open item${count === 1 ? '' : 's'} for ${owner}`;
  const created = await github.createIssue(repo, title, body, token);
  return created.ok ? { ok: true, value: { ...created.value, count } } : created;
}
