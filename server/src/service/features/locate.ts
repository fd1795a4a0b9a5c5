/** What lies at an offset of the model (for hover, code actions, completion). */
import type { Criterion, DiligenceModel, Link, Placeholder, Span, Todo } from '../model/types';
import { partitionPoint } from '../text/binarySearch';

const inside = (s: Span, offset: number): boolean => s.start <= offset && offset <= s.end;

/** Binary search over items sorted by span.start, for the innermost one holding offset. */
function findSorted<T extends { span: Span }>(items: readonly T[], offset: number): T | undefined {
  const candidate = partitionPoint(items, (x) => x.span.start <= offset) - 1;
  // a few items may start before offset and still hold it (nested or overlapping)
  for (let i = candidate; i >= 0 && i > candidate - 16; i--) {
    if (inside(items[i]!.span, offset)) return items[i];
  }
  return undefined;
}

export function placeholderAt(model: DiligenceModel, offset: number): Placeholder | undefined {
  // the innermost: a `$LEVEL` inside a bracketed choice is the token, not the choice
  const hits = model.placeholders.filter((p) => inside(p.span, offset));
  return hits.sort((a, b) => (a.span.end - a.span.start) - (b.span.end - b.span.start))[0];
}

export function todoMarkerAt(model: DiligenceModel, offset: number): Todo | undefined {
  const t = findSorted(model.todos.map((x) => ({ span: x.marker, t: x })), offset);
  return t?.t;
}

export function linkAt(model: DiligenceModel, offset: number): Link | undefined {
  return findSorted(model.links, offset);
}

export function criterionAt(model: DiligenceModel, offset: number): Criterion | undefined {
  return findSorted(model.criteria, offset);
}

/** The criterion whose `[ ] **Title**` head holds offset. */
export function criterionHeadAt(model: DiligenceModel, offset: number): Criterion | undefined {
  const c = criterionAt(model, offset);
  return c && offset >= c.span.start && offset <= c.titleSpan.end ? c : undefined;
}
