/**
 * The Adopter Interviews view's items, from the server's `diligence/interviews` answers: one node
 * per open due diligence (its interviews held against the three needed, approved apart), under it
 * one node per interview file (organisation, state, its date, days since the request; the
 * two-week approval hint when it passed). Pure: no `vscode` here (interviewTree.ts shows them),
 * so the tests build them from a fake answer.
 */
import type { InterviewRow, InterviewTracker } from '../../shared/protocol';

export interface InterviewNode {
  /** stable id: the document's or the interview file's URI */
  id: string;
  label: string;
  description: string;
  /** markdown */
  tooltip: string;
  /** the file a click opens */
  open?: string;
  /** a codicon id */
  icon: string;
  contextValue: 'diligenceDocument' | 'interview' | 'message';
  children?: InterviewNode[];
}

export interface TrackedDocument {
  uri: string;
  /** the tracker, or why it is not known */
  tracker: InterviewTracker | { error: string };
}

const STATE: Record<InterviewRow['state'], string> = {
  'requested': 'requested',
  'held': 'held',
  'summary-drafted': 'summary drafted',
  'approved': 'approved by the adopter',
};

const ICON: Record<InterviewRow['state'], string> = {
  'requested': 'mail',
  'held': 'comment-discussion',
  'summary-drafted': 'edit',
  'approved': 'pass',
};

export function baseName(uri: string): string {
  const cut = uri.search(/[?#]/);
  const path = cut < 0 ? uri : uri.slice(0, cut);
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
const md = (s: string): string => s.replace(/([\\`*_[\]<>|#])/g, '\\$1');

export function interviewNode(r: InterviewRow): InterviewNode {
  const parts = [STATE[r.state] + (r.since ? ` ${r.since}` : '')];
  if (r.daysSinceRequest !== null) parts.push(`requested ${plural(r.daysSinceRequest, 'day')} ago`);
  if (r.hint) parts.push('approval overdue');
  const tip = [`**${md(r.organisation)}**${r.anonymous ? ' (anonymous)' : ''}`, '', `- State: ${STATE[r.state]}${r.since ? ` since ${r.since}` : ''}`];
  if (r.daysSinceRequest !== null) tip.push(`- Requested ${plural(r.daysSinceRequest, 'day')} ago`);
  if (r.hint) tip.push(`- ${md(r.hint)}`);
  tip.push(`- File: ${md(r.fileName)}`);
  return { id: r.uri, label: r.organisation, description: parts.join(' · '), tooltip: tip.join('\n'), open: r.uri, icon: r.hint ? 'warning' : ICON[r.state], contextValue: 'interview' };
}

function message(id: string, label: string): InterviewNode {
  return { id, label, description: '', tooltip: md(label), icon: 'info', contextValue: 'message' };
}

/** The view's nodes, documents by file name. */
export function interviewTreeNodes(docs: readonly TrackedDocument[]): InterviewNode[] {
  return [...docs].sort((a, b) => baseName(a.uri).localeCompare(baseName(b.uri)) || a.uri.localeCompare(b.uri)).map((d): InterviewNode => {
    const name = baseName(d.uri);
    if ('error' in d.tracker) {
      return { id: d.uri, label: name, description: '', tooltip: md(d.tracker.error), open: d.uri, icon: 'book', contextValue: 'diligenceDocument', children: [message(`${d.uri}#error`, d.tracker.error)] };
    }
    const t = d.tracker;
    const overdue = t.rows.filter((r) => r.hint).length;
    const description = t.rows.length === 0 ? 'no interviews yet' : `${t.held} held of ${t.needed} needed · ${t.approved} approved${overdue ? ` · ${overdue} overdue` : ''}`;
    const children = t.rows.length === 0 ? [message(`${d.uri}#none`, 'No adopter interview files beside this document: "New Adopter Interview…" starts one.')] : t.rows.map((r) => ({ ...interviewNode(r), id: `${d.uri}|${r.uri}` }));
    return { id: d.uri, label: name, description, tooltip: `**${md(name)}**: ${description}`, open: d.uri, icon: t.held >= t.needed ? 'pass' : 'book', contextValue: 'diligenceDocument', children };
  });
}
