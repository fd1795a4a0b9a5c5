/**
 * A due diligence drafted from an application issue: the current DD template (as the document
 * would be held to it) with the title and placeholders filled, and under each criterion the
 * project's assertion quoted and attributed once ("Project assertion in owner/repo#N:"), with its
 * links, then the evidence discovery found that the assertion does not cite. Nothing is ticked:
 * that is the reviewer's judgement. A criterion the issue did not answer keeps the template's
 * comment. The same inputs give the same text (the date is an input).
 *
 * The quoted text can never change the document's structure: in the quote, a heading, a task
 * item's checkbox, a setext underline and a TODO marker are escaped, so the drafted document has
 * exactly the template's areas and criteria.
 */
import { evidenceBullet, normalizeEvidenceUrl } from '../evidence/document';
import { fillTemplate } from '../evidence/template';
import { analyseText } from '../model/index';
import type { EvidenceItem } from '../profiles/types';
import { alignDocument } from '../template/align';
import type { TemplateModel } from '../template/model';
import type { ApplicationAlignment } from './align';
import { issueRefText, type ApplicationIssue, type IssueRef } from './parse';

export interface DraftParams {
  project: string;
  level: string;
  reviewer: string;
  date: Date;
}

export interface IssueInfo {
  ref: IssueRef;
  /** the issue's web page */
  url: string;
  title: string;
}

export interface DraftStats {
  /** the template's criteria (the document's) */
  criteria: number;
  /** criteria that carry the project's assertion */
  withAssertion: number;
  /** assertions quoted (a criterion answered twice with different text has two) */
  assertions: number;
  /** evidence bullets added from discovery */
  evidence: number;
  /** criteria of the issue the current template does not have (their text is not in the draft) */
  notInTemplate: string[];
}

export interface Draft {
  text: string;
  fileName: string;
  stats: DraftStats;
}

/** The assertion as a block quote whose content cannot add a heading, a criterion, a task or a TODO. */
export function quoteAssertion(text: string): string {
  return text.split('\n').map((line) => {
    let l = line
      .replace(/^( {0,3})(#{1,6})(?=[ \t]|$)/, '$1\\$2')
      .replace(/^([ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]+)\[([ xX])\]/, '$1\\[$2]')
      .replace(/\*\*(TODO|DONE)([ \t]+)(for)\b/gi, '**$1**$2**$3')
      .replace(/__(TODO|DONE)([ \t]+)(for)\b/gi, '__$1__$2__$3');
    // a setext underline would turn the line above into a heading
    if (/^ {0,3}(?:=+|-+)[ \t]*$/.test(l)) l = `\\${l.trimStart()}`;
    return l.trim() === '' ? '>' : `> ${l}`;
  }).join('\n');
}

function attribution(issue: IssueInfo): string {
  return `Project assertion in [${issueRefText(issue.ref)}](${issue.url}):`;
}

/** The template's criteria as a skeleton (the built-in criteria, when the template's text could not be read). */
function skeleton(template: TemplateModel): string {
  const out = [`# $PROJECT $LEVEL Due Diligence`, ''];
  for (const area of template.areas) {
    out.push(`## ${area.name}`, '');
    for (const level of area.levels.length > 0 ? area.levels : [undefined]) {
      if (level) out.push(`### ${level === 'required' ? 'Required' : 'Suggested'}`, '');
      for (const c of template.criteria.filter((x) => x.area === area.name && x.level === level)) out.push(`- [ ] ${c.titleMarkdown}`, '', '<!-- (TOC Evaluation goes here) -->', '');
    }
  }
  return out.join('\n');
}

/** The template's relative links made absolute at the commit (or branch) it was read at. */
function templateSource(template: TemplateModel): { webUrl: string; sha: string; path: string } {
  const repo = template.info.repo ?? template.profile.template?.repo ?? '';
  const path = template.info.source === 'github' || template.info.source === 'front-matter' ? template.info.path : template.profile.template?.path ?? '';
  return { webUrl: `https://github.com/${repo}`, sha: template.info.ref || template.profile.template?.ref || 'main', path };
}

interface Insertion {
  start: number;
  end: number;
  text: string;
}

function uniqueAssertions(app: ApplicationIssue, answers: readonly number[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const d of answers) {
    const a = app.criteria[d]!.assertion;
    const key = a.replace(/\s+/g, ' ').trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

function evidenceFor(items: readonly EvidenceItem[], detectors: readonly string[], cited: ReadonlySet<string>): EvidenceItem[] {
  const seen = new Set(cited);
  return detectors.flatMap((d) => items.filter((i) => i.detector === d && i.found && i.url)).filter((i) => {
    const key = normalizeEvidenceUrl(i.url!);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The text drafted: the template filled, each criterion's block in place of its comment or after its body. */
export function draftDueDiligence(template: TemplateModel, app: ApplicationIssue, alignment: ApplicationAlignment, issue: IssueInfo, params: DraftParams, evidence: readonly EvidenceItem[], asOf: (i: EvidenceItem) => Date): Draft {
  const base = template.model ? template.model.text : skeleton(template);
  let text = fillTemplate(base, { project: params.project, level: params.level, reviewer: params.reviewer, date: params.date }, templateSource(template));
  // the template's "Link to [… application issue]()": this issue
  text = text.replace(/\[([^\]\n]{0,80}application issue[^\]\n]{0,40})\]\([ \t]*\)/i, (_m, label: string) => `[${label}](${issue.url})`);
  const model = analyseText(text);
  const toDoc = alignDocument(model, template).templateToDoc;
  const eol = model.lines.eol;
  const insertions: Insertion[] = [];
  const stats: DraftStats = { criteria: template.criteria.length, withAssertion: 0, assertions: 0, evidence: 0, notInTemplate: alignment.notInTemplate.map((d) => app.criteria[d]!.title) };
  template.criteria.forEach((tc, t) => {
    const d = toDoc[t] ?? -1;
    if (d < 0) return;
    const c = model.criteria[d]!;
    const assertions = uniqueAssertions(app, alignment.answers[t] ?? []);
    const cited = new Set(assertions.flatMap((a) => app.criteria.find((x) => x.assertion === a)?.urls ?? []).map(normalizeEvidenceUrl));
    const found = evidenceFor(evidence, tc.overlay?.evidence ?? [], cited);
    if (assertions.length === 0 && found.length === 0) return;
    const blocks = assertions.map((a) => `${attribution(issue)}${eol}${quoteAssertion(a).split('\n').join(eol)}`);
    if (found.length > 0) blocks.push([`Evidence found in the project's repositories, not cited in ${issueRefText(issue.ref)}:`, ...found.map((i) => evidenceBullet(i, asOf(i)))].join(eol));
    const block = blocks.join(eol + eol);
    stats.withAssertion += assertions.length > 0 ? 1 : 0;
    stats.assertions += assertions.length;
    stats.evidence += found.length;
    const comments = c.comments.map((i) => model.comments[i]!);
    const assertionSlot = comments.find((x) => x.kind === 'assertion');
    const evaluationSlot = comments.find((x) => x.kind === 'evaluation');
    const lineStart = (offset: number): number => model.lines.offsetAt({ line: model.lines.positionAt(offset).line, character: 0 });
    if (assertionSlot && assertions.length > 0 && /^\s*$/.test(text.slice(lineStart(assertionSlot.span.start), assertionSlot.span.start))) {
      // the template's "(Project assertion goes here)": the assertion goes there
      const lineEnd = model.lines.lineEnd(model.lines.positionAt(assertionSlot.span.end).line);
      const end = /^\s*$/.test(text.slice(assertionSlot.span.end, lineEnd)) ? lineEnd : assertionSlot.span.end;
      insertions.push({ start: lineStart(assertionSlot.span.start), end, text: block });
    } else if (evaluationSlot && /^\s*$/.test(text.slice(lineStart(evaluationSlot.span.start), evaluationSlot.span.start))) {
      const at = lineStart(evaluationSlot.span.start);
      insertions.push({ start: at, end: at, text: `${block}${eol}${eol}` });
    } else {
      const at = model.lines.lineEnd(model.lines.positionAt(c.span.end).line);
      insertions.push({ start: at, end: at, text: `${eol}${eol}${block}` });
    }
  });
  insertions.sort((a, b) => b.start - a.start);
  for (const ins of insertions) text = text.slice(0, ins.start) + ins.text + text.slice(ins.end);
  if (app.repositories.length > 0) text = `---${eol}repositories: [${app.repositories.join(', ')}]${eol}---${eol}${text}`;
  const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { text, fileName: `${slug(params.project)}-${slug(params.level)}-due-diligence.md`, stats };
}
