/**
 * The readiness report: per area, how many Suggested and Required criteria are met; the profile
 * the document follows, the project's repositories, and one row per criterion (state, evidence
 * cited, evidence found by the detectors when given, open TODOs).
 */
import type { Criterion, DiligenceModel, LevelKind } from '../model/types';
import type { RepositorySource } from '../profiles/repositories';
import type { DetectorId, EvidenceItem, ProfileMatch } from '../profiles/types';
import { openTodos } from '../rules/criteria';
import { describeTemplate, templateReportToMarkdown, type TemplateReport } from '../template/report';

export interface Tally {
  total: number;
  met: number;
}

export interface AreaReport {
  name: string;
  line: number;
  suggested: Tally;
  required: Tally;
  /** criteria outside a Suggested/Required level */
  other: Tally;
  openTodos: number;
}

export interface ReadinessReport {
  title: string | null;
  project: string | null;
  level: string | null;
  /** `withoutCheckbox` (when there are any): criteria written as `- **Title.**`, counted apart (in no tally) */
  criteria: { total: number; checked: number; withoutCheckbox?: number };
  required: Tally;
  areas: AreaReport[];
  todos: Array<{ owner: string; count: number }>;
  placeholders: number;
  /** the profile the document was recognised as (null: none fits) */
  profile: { id: string; name: string; confidence: number; recognised: number } | null;
  /** the project's repositories, "owner/name" */
  repositories: string[];
  repositorySource: RepositorySource;
  /** one row per criterion, in document order */
  perCriterion: CriterionReport[];
  /** the template the document is held to, and how it stands against it (null: no profile fits) */
  template: TemplateReport | null;
  /**
   * the findings shown (what the diagnostics are), by severity, and how many the document's own
   * comments suppressed (`diligence-disable…`, or turned off by `diligence-configure-file`)
   */
  findings?: FindingCounts;
}

export interface FindingCounts {
  shown: number;
  bySeverity: { error: number; warning: number; information: number; hint: number };
  suppressed: number;
}

export type CriterionState = 'met' | 'unmet' | 'n/a';

export interface FoundEvidence {
  /** a detector, or the adopter interview files beside the document (interviews/evidence.ts) */
  detector: DetectorId | 'adopter-interviews';
  repo: string;
  summary: string;
  url?: string;
}

export interface CriterionReport {
  index: number;
  /** 0-based line of the criterion */
  line: number;
  area: string | null;
  title: string;
  level: 'required' | 'suggested' | 'other';
  /** met: checked; n/a: unchecked with an evaluation starting "N/A" / "Not applicable" */
  state: CriterionState;
  /** the profile criterion it was recognised as */
  profileCriterion: string | null;
  /** detectors whose findings are evidence for it (from the profile) */
  detectors: DetectorId[];
  /** evidence links cited in its body */
  evidenceCited: number;
  /** evidence the detectors found for it; null when no evidence was looked for */
  evidenceFound: FoundEvidence[] | null;
  openTodos: number;
}

export interface ReportOptions {
  match?: ProfileMatch | undefined;
  repositories?: { repositories: string[]; source: RepositorySource } | undefined;
  /** what the evidence detectors found in the project's repositories */
  evidence?: readonly EvidenceItem[] | undefined;
  /** the document against its template: criteria it lacks count in the tallies */
  template?: TemplateReport | null | undefined;
  findings?: FindingCounts | undefined;
}

function tally(model: DiligenceModel, indices: number[], level: LevelKind | undefined): Tally {
  const cs = indices.map((i) => model.criteria[i]!).filter((c) => c.level === level && c.hasCheckbox);
  return { total: cs.length, met: cs.filter((c) => c.checked).length };
}

/** Owners with their open TODO counts, most first; the spelling used most names the owner. */
export function todoOwners(model: DiligenceModel): Array<{ owner: string; key: string; count: number }> {
  const byKey = new Map<string, { spellings: Map<string, number>; count: number }>();
  for (const t of model.todos) {
    if (t.resolved) continue;
    const e = byKey.get(t.ownerKey) ?? { spellings: new Map(), count: 0 };
    e.count++;
    e.spellings.set(t.owner, (e.spellings.get(t.owner) ?? 0) + 1);
    byKey.set(t.ownerKey, e);
  }
  return [...byKey.entries()]
    .map(([key, e]) => ({ key, count: e.count, owner: [...e.spellings.entries()].sort((a, b) => b[1] - a[1])[0]![0] }))
    .sort((a, b) => b.count - a.count || a.owner.localeCompare(b.owner));
}

export function criterionState(c: Criterion): CriterionState {
  if (c.checked) return 'met';
  return /^\s*(?:N\/A|not applicable)\b/i.test(c.evaluation) ? 'n/a' : 'unmet';
}

function criterionRows(model: DiligenceModel, options: ReportOptions): CriterionReport[] {
  return model.criteria.map((c) => {
    const pc = options.match?.criteria[c.index];
    const detectors = pc?.evidence ?? [];
    const found = options.evidence
      ? options.evidence
        .filter((e) => e.found && detectors.includes(e.detector))
        .map((e) => ({ detector: e.detector, repo: e.repo, summary: e.summary, ...(e.url ? { url: e.url } : {}) }))
      : null;
    return {
      index: c.index,
      line: model.lines.positionAt(c.span.start).line,
      area: model.areas[c.area]?.name ?? null,
      title: c.title,
      level: c.level ?? 'other',
      state: criterionState(c),
      profileCriterion: pc?.id ?? null,
      detectors: [...detectors],
      evidenceCited: c.evidence.length,
      evidenceFound: found,
      openTodos: openTodos(model, c).length,
    };
  });
}

export function buildReport(model: DiligenceModel, options: ReportOptions = {}): ReadinessReport {
  const areas = model.areas
    .filter((a) => a.kind === 'checklist')
    .map((a) => ({
      name: a.name,
      line: model.lines.positionAt(a.heading.start).line,
      suggested: tally(model, a.criteria, 'suggested'),
      required: tally(model, a.criteria, 'required'),
      other: tally(model, a.criteria, undefined),
      openTodos: model.todos.filter((t) => !t.resolved && t.span.start >= a.span.start && t.span.start < a.span.end).length,
    }));
  const boxed = model.criteria.filter((c) => c.hasCheckbox);
  const required = boxed.filter((c) => c.level === 'required');
  // a criterion of the template the document lacks is not met: it counts in the totals
  const missing = options.template?.missing ?? [];
  for (const m of missing) {
    const area = areas.find((a) => a.name.trim().toLowerCase() === (m.area ?? '').trim().toLowerCase());
    if (area && m.level) area[m.level].total++;
  }
  return {
    title: model.title?.text ?? null,
    project: model.project ?? null,
    level: model.level ?? null,
    criteria: { total: boxed.length, checked: boxed.filter((c) => c.checked).length, ...(boxed.length < model.criteria.length ? { withoutCheckbox: model.criteria.length - boxed.length } : {}) },
    required: { total: required.length + missing.filter((m) => m.level === 'required').length, met: required.filter((c) => c.checked).length },
    areas,
    todos: todoOwners(model).map(({ owner, count }) => ({ owner, count })),
    placeholders: model.placeholders.length,
    profile: options.match
      ? { id: options.match.profile.id, name: options.match.profile.name, confidence: options.match.confidence, recognised: options.match.criteria.filter(Boolean).length }
      : null,
    repositories: options.repositories?.repositories ?? [],
    repositorySource: options.repositories?.source ?? 'none',
    perCriterion: criterionRows(model, options),
    template: options.template ?? null,
    ...(options.findings ? { findings: options.findings } : {}),
  };
}

function findingsLine(f: FindingCounts): string {
  const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
  const parts = [plural(f.bySeverity.error, 'error'), plural(f.bySeverity.warning, 'warning'), plural(f.bySeverity.information + f.bySeverity.hint, 'note')];
  return `- Findings: ${f.shown} (${parts.join(', ')})${f.suppressed > 0 ? `; ${plural(f.suppressed, 'more', 'more')} suppressed by the document's own \`diligence-\` comments` : ''}`;
}

const SOURCE_TEXT: Record<RepositorySource, string> = {
  'settings': 'from diligence.repositories',
  'front-matter': 'from the front matter',
  'document': 'inferred from the links in the document',
  'none': '',
};

function escapeCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function shorten(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

function foundCell(found: FoundEvidence[] | null): string {
  if (found === null) return '—';
  if (found.length === 0) return 'none';
  return found.map((f) => {
    if (f.detector === 'adopter-interviews') return escapeCell(f.summary);
    const label = `${f.detector} (${f.repo})`;
    return f.url ? `[${escapeCell(label)}](${f.url.replace(/[()|\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})` : escapeCell(label);
  }).join(', ');
}

function cell(t: Tally): string {
  return t.total === 0 ? '—' : `${t.met}/${t.total}`;
}

export function reportToMarkdown(r: ReadinessReport): string {
  const lines: string[] = [];
  lines.push(`# Readiness: ${r.title ?? 'untitled document'}`, '');
  lines.push(`- Project: ${r.project ?? 'unknown'}`);
  lines.push(`- Level applied for: ${r.level ?? 'unknown'}`);
  lines.push(`- Criteria checked: ${r.criteria.checked}/${r.criteria.total}${r.criteria.withoutCheckbox ? ` (and ${r.criteria.withoutCheckbox} written without a checkbox)` : ''}`);
  lines.push(`- Required met: ${r.required.met}/${r.required.total}`);
  lines.push(`- Open TODOs: ${r.todos.reduce((n, t) => n + t.count, 0)}`);
  lines.push(`- Placeholders left: ${r.placeholders}`);
  if (r.findings) lines.push(findingsLine(r.findings));
  lines.push(r.profile
    ? `- Profile: ${r.profile.name} (\`${r.profile.id}\`, confidence ${r.profile.confidence.toFixed(2)}; ${r.profile.recognised}/${r.criteria.total} criteria recognised)`
    : '- Profile: none recognised');
  if (r.template) lines.push(`- Template: ${describeTemplate(r.template)}`);
  lines.push(r.repositories.length > 0
    ? `- Repositories: ${r.repositories.join(', ')} (${SOURCE_TEXT[r.repositorySource]})`
    : '- Repositories: none found (set diligence.repositories or a `repositories:` front-matter list)', '');
  lines.push('| Area | Suggested | Required | Open TODOs |', '|---|---|---|---|');
  for (const a of r.areas) lines.push(`| ${a.name.replace(/\|/g, '\\|')} | ${cell(a.suggested)} | ${cell(a.required)} | ${a.openTodos} |`);
  if (r.todos.length > 0) {
    lines.push('', '## Open TODOs by owner', '');
    for (const t of r.todos) lines.push(`- ${t.owner}: ${t.count}`);
  }
  if (r.perCriterion.length > 0) {
    lines.push('', '## Criteria', '');
    lines.push('| Line | Criterion | Area | Level | State | Evidence cited | Evidence found | Open TODOs |', '|---|---|---|---|---|---|---|---|');
    const LEVEL = { required: 'Required', suggested: 'Suggested', other: '—' } as const;
    for (const c of r.perCriterion) {
      lines.push(`| ${c.line + 1} | ${escapeCell(shorten(c.title, 90))} | ${escapeCell(c.area ?? '—')} | ${LEVEL[c.level]} | ${c.state} | ${c.evidenceCited} | ${foundCell(c.evidenceFound)} | ${c.openTodos} |`);
    }
  }
  return lines.join('\n') + '\n' + (r.template ? templateReportToMarkdown(r.template) : '');
}
