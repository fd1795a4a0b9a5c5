/**
 * What counts as a criterion's evaluation. Text that is the template's own (the template the
 * document is held to, when known; else the documented patterns below) is not one, and an area
 * whose opening note hands its evaluation to another review (with a link to it) is evaluated
 * there, not criterion by criterion.
 */
import type { Area, Criterion, DiligenceModel, Span } from '../model/types';
import type { TemplateReference } from '../template/reference';
import { partitionPoint } from '../text/binarySearch';

/** Sentences the TOC's templates carry in criteria's bodies, in every version. */
const BOILERPLATE: readonly RegExp[] = [
  /^refer to the [^.]{1,60} (?:portion|section|part) of this document\b/i,
  /^completion of this due diligence document\b/i,
  /^\(?(?:project assertion|(?:toc |tac )?evaluation) goes here\)?\.?$/i,
  // the project's word, quoted by a draft from its application issue: not the reviewer's evaluation
  /^project assertion in \[?[\w.-]+\/[\w.-]+#\d+\b/i,
];

/** A sentence still holding the template's date is the template's, not filled in. */
const TEMPLATE_DATE = /\bDD-MMM-YYYY\b|\bYYYY-MM-DD\b|\bMONTH YEAR\b/;

export function isBoilerplate(part: string, template: TemplateReference | undefined): boolean {
  const plain = part.replace(/[*_`]/g, '').trim();
  if (BOILERPLATE.some((re) => re.test(plain)) || TEMPLATE_DATE.test(part)) return true;
  return template?.isTemplateText(part) ?? false;
}

/** The criterion has text of the reviewer's own. */
export function hasEvaluation(c: Criterion, template: TemplateReference | undefined): boolean {
  return c.evaluationParts.some((p) => !isBoilerplate(p, template));
}

const DELEGATES = /\b(?:aug(?:e)?mented|covered|superseded|replaced|delegated)\s+(?:by|to|in)\b|\bsee\s+the\b[^.\n]{0,80}\breview\b/i;

export interface Delegation {
  area: number;
  /** the note's paragraph */
  span: Span;
  /** the link's text (or URL) */
  to: string;
}

/** The areas whose opening note (before the first level or criterion) delegates the evaluation with a link. */
export function delegations(model: DiligenceModel): Map<number, Delegation> {
  const out = new Map<number, Delegation>();
  // the links in document order, so that each area's note looks at its own links only
  const links = model.links.every((l, i) => i === 0 || model.links[i - 1]!.span.start <= l.span.start) ? model.links : [...model.links].sort((x, y) => x.span.start - y.span.start);
  model.areas.forEach((a, i) => {
    if (a.kind !== 'checklist') return;
    const note = { start: a.heading.end, end: noteEnd(model, a) };
    for (let k = partitionPoint(links, (l) => l.span.start < note.start); k < links.length && links[k]!.span.start < note.end; k++) {
      const l = links[k]!;
      if (l.span.end > note.end || (l.target !== 'web' && l.target !== 'relative')) continue;
      const para = paragraphAround(model.text, l.span, note);
      if (!DELEGATES.test(model.text.slice(para.start, para.end))) continue;
      out.set(i, { area: i, span: para, to: l.text || l.url });
      return;
    }
  });
  return out;
}

function noteEnd(model: DiligenceModel, a: Area): number {
  let end = a.span.end;
  for (const lv of a.levels) end = Math.min(end, lv.heading.start);
  const first = a.criteria[0];
  if (first !== undefined) end = Math.min(end, model.criteria[first]!.span.start);
  return end;
}

function paragraphAround(text: string, at: Span, within: Span): Span {
  const before = text.lastIndexOf('\n\n', at.start);
  const after = text.indexOf('\n\n', at.end);
  let start = Math.max(before < 0 ? 0 : before + 2, within.start);
  let end = Math.min(after < 0 ? text.length : after, within.end);
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
