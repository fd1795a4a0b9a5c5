/** The readiness report: per area, how many Suggested and Required criteria are met. */
import type { DiligenceModel, LevelKind } from '../model/types';

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
  criteria: { total: number; checked: number };
  required: Tally;
  areas: AreaReport[];
  todos: Array<{ owner: string; count: number }>;
  placeholders: number;
}

function tally(model: DiligenceModel, indices: number[], level: LevelKind | undefined): Tally {
  const cs = indices.map((i) => model.criteria[i]!).filter((c) => c.level === level);
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

export function buildReport(model: DiligenceModel): ReadinessReport {
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
  const required = model.criteria.filter((c) => c.level === 'required');
  return {
    title: model.title?.text ?? null,
    project: model.project ?? null,
    level: model.level ?? null,
    criteria: { total: model.criteria.length, checked: model.criteria.filter((c) => c.checked).length },
    required: { total: required.length, met: required.filter((c) => c.checked).length },
    areas,
    todos: todoOwners(model).map(({ owner, count }) => ({ owner, count })),
    placeholders: model.placeholders.length,
  };
}

function cell(t: Tally): string {
  return t.total === 0 ? '—' : `${t.met}/${t.total}`;
}

export function reportToMarkdown(r: ReadinessReport): string {
  const lines: string[] = [];
  lines.push(`# Readiness: ${r.title ?? 'untitled document'}`, '');
  lines.push(`- Project: ${r.project ?? 'unknown'}`);
  lines.push(`- Level applied for: ${r.level ?? 'unknown'}`);
  lines.push(`- Criteria checked: ${r.criteria.checked}/${r.criteria.total}`);
  lines.push(`- Required met: ${r.required.met}/${r.required.total}`);
  lines.push(`- Open TODOs: ${r.todos.reduce((n, t) => n + t.count, 0)}`);
  lines.push(`- Placeholders left: ${r.placeholders}`, '');
  lines.push('| Area | Suggested | Required | Open TODOs |', '|---|---|---|---|');
  for (const a of r.areas) lines.push(`| ${a.name.replace(/\|/g, '\\|')} | ${cell(a.suggested)} | ${cell(a.required)} | ${a.openTodos} |`);
  if (r.todos.length > 0) {
    lines.push('', '## Open TODOs by owner', '');
    for (const t of r.todos) lines.push(`- ${t.owner}: ${t.count}`);
  }
  return lines.join('\n') + '\n';
}
