/**
 * Where the readiness report's items are in the document: each checklist area's criteria and
 * each open TODO with its line, so a rendered report can link back to them. Kept beside the
 * report (not in it) so the report's JSON, which the CLI prints, stays as it is.
 */
import type { DiligenceModel, LevelKind } from '../model/types';
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
  line: number;
  criteria: OutlineCriterion[];
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

export function reportOutline(model: DiligenceModel): ReportOutline {
  const lineOf = (offset: number): number => model.lines.positionAt(offset).line;
  const openTodos = model.todos.filter((t) => !t.resolved);
  const areas = model.areas
    .filter((a) => a.kind === 'checklist')
    .map((a) => ({
      name: a.name,
      line: lineOf(a.heading.start),
      criteria: a.criteria.map((i) => {
        const c = model.criteria[i]!;
        return { title: c.title, line: lineOf(c.checkbox.start), level: c.level ?? null, checked: c.checked, openTodos: openTodos.filter((t) => t.criterion === i).length };
      }),
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
  return { areas, owners };
}
