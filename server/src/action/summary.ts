/**
 * The job summary: per document, its readiness (areas, Required met, open TODOs per owner,
 * placeholders left, link verdicts, the template), each item linking to the line at the pull
 * request's head commit; files that are not due-diligence documents, or cannot be read, say so.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { annotationLevel } from '../cli/github';
import type { ReadinessReport } from '../service/index';
import { describeTemplate } from '../service/template/report';

export interface SummaryDocument {
  /** relative to the repository, `/`-separated */
  path: string;
  /** undefined: it could not be read (then `problem` says why) */
  diagnostics?: Diagnostic[];
  diligence?: boolean;
  report?: ReadinessReport;
  /** open TODOs by owner, with their 0-based lines */
  todos?: Array<{ owner: string; lines: number[] }>;
  problem?: string;
}

export interface SummaryContext {
  /** https://github.com/OWNER/NAME/blob/SHA: the head commit the lines are at */
  blobBase: string;
  /** "Pull request #12 at abc1234" or "Commit abc1234" */
  scope: string;
  /** only the files the pull request changes */
  changedOnly: boolean;
  /** said above the documents (changed files could not be found, …) */
  notes: string[];
}

/** items listed per kind at most; the rest are counted */
const LIST_MAX = 20;
const FINDINGS_MAX = 200;

/** Document text made inert in markdown: no control character, no link, emphasis, HTML or table cell break. */
export function inert(s: string): string {
  // eslint-disable-next-line no-control-regex -- the point is to find them
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/[\\`*_[\]<>|#!~]/g, (c) => `\\${c}`).trim();
}

function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function lineLink(ctx: SummaryContext, path: string, line0: number, label = `L${line0 + 1}`): string {
  return `[${label}](${ctx.blobBase}/${encodePath(path)}#L${line0 + 1})`;
}

function capped<T>(items: readonly T[], show: (t: T) => string, sep = ', '): string {
  const shown = items.slice(0, LIST_MAX).map(show).join(sep);
  return items.length > LIST_MAX ? `${shown}${sep}and ${items.length - LIST_MAX} more` : shown;
}

const LINK_CODES = ['link-broken', 'link-unreachable', 'link-redirected', 'link-fragment', 'link-archived', 'link-unpinned', 'link-malformed', 'links-not-checked', 'link-not-checked'];

function counts(ds: readonly Diagnostic[]): string {
  const c = { error: 0, warning: 0, notice: 0 };
  for (const d of ds) c[annotationLevel(d)]++;
  const n = ds.length;
  return `${n} finding${n === 1 ? '' : 's'}: ${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.notice} notice${c.notice === 1 ? '' : 's'}`;
}

function documentSection(ctx: SummaryContext, d: SummaryDocument, findingsTable: boolean): string[] {
  const head = `### [${inert(d.path)}](${ctx.blobBase}/${encodePath(d.path)})`;
  if (d.problem !== undefined) return [head, '', `Cannot be read: ${inert(d.problem)}.`, ''];
  if (!d.diligence) return [head, '', 'Not a due-diligence document (no criteria checklist of a review template recognised in it): nothing checked.', ''];
  const ds = d.diagnostics ?? [];
  const out = [head, ''];
  const r = d.report;
  if (r) {
    const todoCount = r.todos.reduce((n, t) => n + t.count, 0);
    out.push(`**${inert(r.title ?? 'untitled document')}** · level applied for: ${inert(r.level ?? 'unknown')} · Required met **${r.required.met}/${r.required.total}** · criteria checked ${r.criteria.checked}/${r.criteria.total} · ${todoCount} open TODO${todoCount === 1 ? '' : 's'} · ${r.placeholders} placeholder${r.placeholders === 1 ? '' : 's'} left`, '');
    if (r.areas.length > 0) {
      out.push('| Area | Suggested | Required | Open TODOs |', '|---|---|---|---|');
      for (const a of r.areas) out.push(`| ${lineLink(ctx, d.path, a.line, inert(a.name))} | ${a.suggested.met}/${a.suggested.total} | ${a.required.met}/${a.required.total} | ${a.openTodos} |`);
      out.push('');
    }
  }
  if (d.todos && d.todos.length > 0) {
    out.push('**Open TODOs by owner**', '');
    for (const t of d.todos) out.push(`- ${inert(t.owner)}: ${t.lines.length} (${capped(t.lines, (l) => lineLink(ctx, d.path, l))})`);
    out.push('');
  }
  const placeholders = ds.filter((x) => x.code === 'placeholder');
  if (placeholders.length > 0) out.push(`**Placeholders left**: ${capped(placeholders, (x) => `${lineLink(ctx, d.path, x.range.start.line)} ${inert(messageText(x).replace(/^Template placeholder (.*) is still in the text$/, '$1'))}`)}`, '');
  const links = ds.filter((x) => LINK_CODES.includes(String(x.code)));
  if (links.length > 0) {
    out.push('**Links**', '');
    for (const x of links.slice(0, LIST_MAX)) out.push(`- ${lineLink(ctx, d.path, x.range.start.line)} ${String(x.code)}: ${inert(messageText(x))}`);
    if (links.length > LIST_MAX) out.push(`- and ${links.length - LIST_MAX} more`);
    out.push('');
  } else out.push('**Links**: no problem found.', '');
  const t = r?.template;
  if (t) {
    const drift = [`${t.missing.length} missing from the document`, `${t.reworded.length} reworded in the template`, `${t.levelChanged.length} at another level`, `${t.notInTemplate.length} not in the template`];
    out.push(`**Template**: ${inert(describeTemplate(t))}; ${t.present}/${t.criteria} of its criteria in the document; ${drift.join(', ')}.`, '');
    const located = [...t.reworded, ...t.levelChanged].filter((i) => i.line !== null);
    if (located.length > 0) out.push(`Changed since: ${capped(located, (i) => `${lineLink(ctx, d.path, i.line!)} ${inert(i.title)}`)}`, '');
  }
  // what the document's own comments took away is said, never hidden: a reviewer may not agree
  const n = r?.findings?.suppressed ?? 0;
  const suppressed = n > 0 ? ` (and ${n} suppressed by the document's own \`diligence-\` comments)` : '';
  if (!findingsTable) return [...out, `${counts(ds)}${suppressed}: see the annotations, or run \`diligence check\` on the document.`, ''];
  out.push(`<details><summary>${counts(ds)}${suppressed}</summary>`, '');
  if (ds.length > 0) {
    out.push('| Line | Level | Code | Message |', '|---|---|---|---|');
    for (const x of ds.slice(0, FINDINGS_MAX)) out.push(`| ${lineLink(ctx, d.path, x.range.start.line)} | ${annotationLevel(x)} | ${String(x.code)} | ${inert(messageText(x))} |`);
    if (ds.length > FINDINGS_MAX) out.push(`| | | | and ${ds.length - FINDINGS_MAX} more |`);
  }
  out.push('', '</details>', '');
  return out;
}

/** GitHub refuses a step summary over 1 MiB: past this, the findings tables are left out */
const SUMMARY_MAX = 900_000;

export function jobSummary(ctx: SummaryContext, docs: readonly SummaryDocument[]): string {
  const full = summaryText(ctx, docs, true);
  return full.length <= SUMMARY_MAX ? full : summaryText(ctx, docs, false);
}

function summaryText(ctx: SummaryContext, docs: readonly SummaryDocument[], findingsTables: boolean): string {
  const checked = docs.filter((d) => d.diligence && d.problem === undefined);
  const others = docs.filter((d) => !d.diligence && d.problem === undefined).length;
  const unreadable = docs.filter((d) => d.problem !== undefined).length;
  const lines = ['## Diligence', ''];
  const what = [`${checked.length} due-diligence document${checked.length === 1 ? '' : 's'} checked${ctx.changedOnly ? ' (the files this pull request changes)' : ''}`];
  if (others > 0) what.push(`${others} file${others === 1 ? ' is' : 's are'} not a due-diligence document`);
  if (unreadable > 0) what.push(`${unreadable} cannot be read`);
  lines.push(`${ctx.scope}: ${what.join('; ')}. ${counts(checked.flatMap((d) => d.diagnostics ?? []))}.`, '');
  for (const n of ctx.notes) lines.push(`> ${inert(n)}`, '');
  if (docs.length === 0) lines.push(ctx.changedOnly ? 'No file this pull request changes matches the globs.' : 'No file matches the globs.', '');
  for (const d of docs) lines.push(...documentSection(ctx, d, findingsTables));
  return lines.join('\n');
}
