/** The report's `template` object and its markdown: where the template came from and how the document stands against it. */
import type { DiligenceModel, LevelKind } from '../model/types';
import type { TemplateSource } from './model';
import { describeBasedOn } from './history';
import type { TemplateState } from './feature';

export interface TemplateReportItem {
  title: string;
  area: string | null;
  level: LevelKind | null;
  /** 0-based line in the document, where it has one */
  line: number | null;
  /** reworded: the template's wording; level changed: the template's level */
  template?: string;
}

export interface TemplateReport {
  source: TemplateSource;
  path: string;
  ref: string;
  date: string;
  /** "owner/name" when read from a repository */
  repo: string | null;
  /** why the template itself could not be read (built-in fallback) */
  problem: string | null;
  /** the version the document started from, when the history is known */
  basedOn: { ref: string; date: string; changesSince: number; summary: string } | null;
  criteria: number;
  present: number;
  /** Required criteria of the template, and how many of them the document meets */
  required: { total: number; met: number };
  missing: TemplateReportItem[];
  notInTemplate: TemplateReportItem[];
  reworded: TemplateReportItem[];
  levelChanged: TemplateReportItem[];
  /** sub-items of the template the document's criterion lacks */
  subItemsMissing: Array<TemplateReportItem & { items: string[] }>;
}

export function templateReport(model: DiligenceModel, s: TemplateState): TemplateReport {
  const a = s.alignment;
  const info = s.resolved.template.info;
  const tpl = a.template.criteria;
  const line = (d: number): number => model.lines.positionAt(model.criteria[d]!.span.start).line;
  const docItem = (d: number): TemplateReportItem => {
    const c = model.criteria[d]!;
    return { title: c.title, area: model.areas[c.area]?.name ?? null, level: a.levels[d] ?? null, line: line(d) };
  };
  const tplItem = (t: number, d?: number): TemplateReportItem => ({ title: tpl[t]!.title, area: tpl[t]!.area || null, level: tpl[t]!.level ?? null, line: d === undefined ? null : line(d) });
  const required = tpl.filter((c) => c.level === 'required');
  return {
    source: info.source,
    path: info.path,
    ref: info.ref,
    date: info.date,
    repo: info.repo ?? null,
    problem: info.problem ?? null,
    basedOn: s.basedOn ? { ref: s.basedOn.sha, date: s.basedOn.date, changesSince: s.basedOn.changesSince, summary: describeBasedOn(s.basedOn) } : null,
    criteria: tpl.length,
    present: tpl.length - a.missing.length,
    required: { total: required.length, met: required.filter((c) => { const d = a.templateToDoc[c.index]!; return d >= 0 && model.criteria[d]!.checked; }).length },
    missing: a.missing.map((t) => tplItem(t)),
    notInTemplate: a.notInTemplate.map(docItem),
    reworded: a.reworded.map((p) => ({ ...docItem(p.doc), template: tpl[p.template]!.title })),
    levelChanged: a.levelChanged.map((p) => ({ ...docItem(p.doc), level: model.criteria[p.doc]!.level ?? null, template: tpl[p.template]!.level ?? '' })),
    subItemsMissing: a.subItemsMissing.map((p) => ({ ...docItem(p.doc), items: p.items })),
  };
}

const SOURCE: Record<TemplateSource, string> = {
  'front-matter': 'the front matter',
  'file': 'diligence.templates.file / --template',
  'workspace': 'the workspace',
  'github': 'the GitHub API',
  'builtin': 'built-in',
};

/** One line for the title hover and the report's header. */
export function describeTemplate(t: TemplateReport): string {
  if (t.source === 'builtin') return `built-in criteria of ${t.date}${t.problem ? `; ${t.problem}` : ''}`;
  const where = t.repo ? `${t.repo}/${t.path}` : t.path;
  const version = [t.date, t.ref ? t.ref.slice(0, 8) : ''].filter(Boolean).join(', ');
  return `${where}${version ? ` (${version})` : ''}, from ${SOURCE[t.source]}`;
}

function esc(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function templateReportToMarkdown(t: TemplateReport): string {
  const lines = ['', '## Template', ''];
  lines.push(`- Template: ${describeTemplate(t)}`);
  if (t.basedOn) lines.push(`- History: ${t.basedOn.summary}`);
  lines.push(`- Criteria of the template in the document: ${t.present}/${t.criteria}`);
  lines.push(`- Required criteria of the template met: ${t.required.met}/${t.required.total}`);
  const LEVEL = (l: string | null | undefined): string => (l === 'required' ? 'Required' : l === 'suggested' ? 'Suggested' : '—');
  const table = (head: string, items: TemplateReportItem[], extra?: (i: TemplateReportItem) => string): void => {
    if (items.length === 0) return;
    lines.push('', `### ${head}`, '', `| Line | Criterion | Area | Level |${extra ? ' Template |' : ''}`, `|---|---|---|---|${extra ? '---|' : ''}`);
    for (const i of items) lines.push(`| ${i.line === null ? '—' : i.line + 1} | ${esc(i.title)} | ${esc(i.area ?? '—')} | ${LEVEL(i.level)} |${extra ? ` ${esc(extra(i))} |` : ''}`);
  };
  table('Missing from the document', t.missing);
  table('Not in the template', t.notInTemplate);
  table('Reworded in the template', t.reworded, (i) => i.template ?? '');
  table('At another level than the template', t.levelChanged, (i) => LEVEL(i.template));
  table('Sub-items of the template missing', t.subItemsMissing, (i) => (i as TemplateReportItem & { items: string[] }).items.join('; '));
  return lines.join('\n') + '\n';
}
