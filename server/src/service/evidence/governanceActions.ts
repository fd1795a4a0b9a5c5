/**
 * The TOC's governance review, handed on to the project: on a criterion its profile serves with
 * the `toc-governance-review` detector, a quick fix writes under the criterion the review's
 * status (a dated, marked fact), each must-fix item as a TODO for the project's team, and each
 * area for improvement as a non-blocking recommendation. The review's text is someone else's:
 * it is escaped so that it cannot open a link, a TODO, a placeholder or a comment here.
 */
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import type { Criterion, DiligenceModel, Span } from '../model/types';
import type { EvidenceItem, ProfileMatch } from '../profiles/types';
import { headSpan } from '../rules/criteria';
import { datedFact } from './dated';
import { detectorsFor } from './document';

/** Remote text as inert markdown on one line. */
export function inert(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/([[\]<>*_`\\$|#!])/g, '\\$1');
}

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The owner the project's TODOs already use (one naming the project), else "PROJECT maintainers". */
export function projectOwner(model: DiligenceModel): string {
  const project = model.project && !model.project.startsWith('$') ? model.project : 'Project';
  const key = squash(project);
  const counts = new Map<string, number>();
  for (const t of model.todos) if (key && squash(t.owner).includes(key)) counts.set(t.owner, (counts.get(t.owner) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best ? best[0] : `${project} maintainers`;
}

const NEEDS_ACTION = /needs work|in crisis/i;

/** The lines for one governance review item, those already in the document left out. */
export function governanceLines(model: DiligenceModel, item: EvidenceItem, asOf: Date): string[] {
  const d = item.details ?? {};
  const mustFix = Array.isArray(d['mustFix']) ? (d['mustFix'] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const improvements = Array.isArray(d['improvements']) ? (d['improvements'] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const status = typeof d['status'] === 'string' ? d['status'] : undefined;
  const date = typeof d['date'] === 'string' ? ` of ${d['date']}` : '';
  const review = `[Governance Review${date}](${item.url})`;
  const owner = projectOwner(model);
  const present = squash(model.text);
  const lines: string[] = [];
  if (item.url && !model.text.includes(item.url)) lines.push(datedFact(item, asOf));
  if (status && NEEDS_ACTION.test(status)) lines.push(`**TODO for ${inert(owner)}:** the ${review} rates governance "${inert(status)}"; address its findings.`);
  for (const m of mustFix) {
    if (present.includes(squash(m))) continue;
    lines.push(`**TODO for ${inert(owner)}:** ${inert(m)} (must-fix item of the ${review})`);
  }
  for (const m of improvements) {
    if (present.includes(squash(m))) continue;
    lines.push(`Recommendation (non-blocking, from the ${review}): ${inert(m)}`);
  }
  return lines;
}

function appendToCriterion(model: DiligenceModel, c: Criterion, lines: readonly string[]): TextEdit {
  const eol = model.lines.eol;
  const indent = ' '.repeat(c.contentIndent);
  const at = model.lines.lineEnd(model.lines.positionAt(c.span.end).line);
  return { range: model.lines.range({ start: at, end: at }), newText: eol + eol + lines.map((l) => `${indent}- ${l}`).join(eol) };
}

export function governanceActions(model: DiligenceModel, uri: string, range: Span, match: ProfileMatch | undefined, items: readonly EvidenceItem[], only: string[] | undefined, asOf: Date): CodeAction[] {
  if (!match) return [];
  if (only && only.length > 0 && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(o + '.'))) return [];
  const review = items.find((i) => i.detector === 'toc-governance-review' && i.found && i.url);
  if (!review) return [];
  const out: CodeAction[] = [];
  for (const c of model.criteria) {
    const head = headSpan(c);
    if (!(head.start <= range.end && range.start <= head.end)) continue;
    if (!detectorsFor(match, c).includes('toc-governance-review')) continue;
    const lines = governanceLines(model, review, asOf);
    const todos = lines.filter((l) => l.startsWith('**TODO for ')).length;
    const recs = lines.filter((l) => l.startsWith('Recommendation ')).length;
    if (todos + recs === 0) continue;
    out.push({
      title: `Add the governance review's ${todos} must-fix item${todos === 1 ? '' : 's'} as TODOs for ${projectOwner(model)} and ${recs} recommendation${recs === 1 ? '' : 's'}`,
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [uri]: [appendToCriterion(model, c, lines)] } },
    });
  }
  return out;
}
