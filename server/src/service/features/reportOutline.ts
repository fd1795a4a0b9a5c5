/**
 * Where the readiness report's items are in the document: each checklist area's criteria and
 * each open TODO with its line, so a rendered report can link back to them. Kept beside the
 * report (not in it) so the report's JSON, which the CLI prints, stays as it is.
 */
import type { DiligenceModel, LevelKind } from '../model/types';
import { normaliseTitle } from '../template/model';
import type { TemplateReport } from '../template/report';
import { todoOwners } from './report';

export interface OutlineCriterion {
  title: string;
  line: number;
  level: LevelKind | null;
  checked: boolean;
  openTodos: number;
}

export interface OutlineArea {
  name: string;
  /** null: an area of the template the document does not have */
  line: number | null;
  criteria: OutlineCriterion[];
  /** the template's criteria of this area that the document lacks */
  missing: Array<{ title: string; level: LevelKind | null }>;
}

export interface OutlineTodo {
  line: number;
  /** the TODO's text after its marker, on one line */
  text: string;
  /** the criterion it is under, if any */
  criterion: string | null;
}

export interface ReportOutline {
  areas: OutlineArea[];
  /** owners with their open TODOs (in document order), most TODOs first, as in the report */
  owners: Array<{ owner: string; count: number; todos: OutlineTodo[] }>;
}

/** Each missing template criterion under its area; the template's areas the document lacks after the document's. */
function withMissing(areas: OutlineArea[], template: TemplateReport | null | undefined): OutlineArea[] {
  for (const m of template?.missing ?? []) {
    const name = m.area ?? '';
    let area = areas.find((a) => normaliseTitle(a.name) === normaliseTitle(name));
    if (!area) areas.push((area = { name: name || '(no area)', line: null, criteria: [], missing: [] }));
    area.missing.push({ title: m.title, level: m.level });
  }
  return areas;
}

/** The outline of the report; with the template's report, the criteria the document lacks under their areas. */
export function reportOutline(model: DiligenceModel, template?: TemplateReport | null): ReportOutline {
  const lineOf = (offset: number): number => model.lines.positionAt(offset).line;
  const openTodos = model.todos.filter((t) => !t.resolved);
  const areas: OutlineArea[] = model.areas
    .filter((a) => a.kind === 'checklist')
    .map((a) => ({
      name: a.name,
      line: lineOf(a.heading.start),
      criteria: a.criteria.map((i) => {
        const c = model.criteria[i]!;
        return { title: c.title, line: lineOf(c.checkbox.start), level: c.level ?? null, checked: c.checked, openTodos: openTodos.filter((t) => t.criterion === i).length };
      }),
      missing: [],
    }));
  const owners = todoOwners(model).map(({ owner, key, count }) => ({
    owner,
    count,
    todos: openTodos.filter((t) => t.ownerKey === key).map((t) => ({
      line: lineOf(t.marker.start),
      text: model.text.slice(t.marker.end, t.span.end).replace(/^[\s:*]+/, '').replace(/\s+/g, ' ').trim().slice(0, 200),
      criterion: t.criterion >= 0 ? model.criteria[t.criterion]?.title ?? null : null,
    })),
  }));
  return { areas: withMissing(areas, template), owners };
}
