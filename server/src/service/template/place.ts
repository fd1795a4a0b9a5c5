/**
 * Where a template criterion belongs in a document: after the document's criterion that comes
 * before it in the template (same area and level), else before the one after it, else under the
 * area's level heading, else at the end of the area; a missing area goes before the next area
 * the template lists (or at the end). Also what the diagnostic points at.
 */
import type { Area, DiligenceModel, LevelKind, Span } from '../model/types';
import type { Alignment } from './align';
import { normaliseTitle, type TemplateCriterion } from './model';
import { trimEndWhere } from '../text/trim';
import { partitionPoint } from '../text/binarySearch';

export interface Place {
  /** what the criterion-missing diagnostic points at */
  span: Span;
  /** where the criterion's text goes */
  offset: number;
  /** the text to insert there */
  text: string;
  /** the place is under the template's level (a criterion of it, or its heading) */
  levelled: boolean;
  /** false when text put there would not read as markdown (the end of an unclosed HTML block or fence) */
  safe: boolean;
}

export const OPEN_UNTIL: ReadonlyArray<readonly [string, string]> = [['<script', '</script>'], ['<pre', '</pre>'], ['<style', '</style>'], ['<textarea', '</textarea>'], ['<!--', '-->'], ['<?', '?>'], ['<![cdata[', ']]>']];

/**
 * Where a text is open: for each offset, whether `text.slice(0, offset)` ends inside a construct
 * that swallows what follows (conservative): an odd number of fence lines before it, or the last
 * opener of an HTML-ish block before it with no closer between them. Built once per text (one
 * scan), asked per offset by binary search: the template rules ask once per missing criterion.
 */
export class OpenScan {
  /** where each fence line's marker ends */
  private readonly fenceEnds: number[] = [];
  /** per construct of OPEN_UNTIL: where its openers start, where its closers end */
  private readonly opens: number[][] = [];
  private readonly closes: number[][] = [];

  constructor(text: string) {
    for (const m of text.matchAll(/^ {0,3}(?:`{3}|~{3})/gm)) this.fenceEnds.push(m.index + m[0].length);
    // ASCII case only, so that offsets stay those of the text
    const lower = text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
    for (const [open, close] of OPEN_UNTIL) {
      this.opens.push(allIndexes(lower, open, 0));
      this.closes.push(allIndexes(lower, close, close.length));
    }
  }

  /** whether the text before `offset` ends inside an open construct */
  endsOpen(offset: number): boolean {
    if (partitionPoint(this.fenceEnds, (e) => e <= offset) % 2 === 1) return true;
    return OPEN_UNTIL.some(([open], i) => {
      // the last opener wholly before the offset, and a closer wholly between it and the offset
      const k = partitionPoint(this.opens[i]!, (o) => o + open.length <= offset) - 1;
      if (k < 0) return false;
      const o = this.opens[i]![k]!;
      const closes = this.closes[i]!;
      const c = partitionPoint(closes, (end) => end - OPEN_UNTIL[i]![1].length < o);
      return !(c < closes.length && closes[c]! <= offset);
    });
  }
}

/** Every index of `needle` in `hay` (overlapping), plus `shift`. */
function allIndexes(hay: string, needle: string, shift: number): number[] {
  const out: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) out.push(i + shift);
  return out;
}

const scans = new WeakMap<DiligenceModel, OpenScan>();

function endsOpen(model: DiligenceModel, offset: number): boolean {
  let scan = scans.get(model);
  if (!scan) scans.set(model, (scan = new OpenScan(model.text)));
  return scan.endsOpen(offset);
}

const LEVEL_NAME: Record<LevelKind, string> = { required: 'Required', suggested: 'Suggested' };

/** The criterion as the template writes it (its lines; for built-in criteria, a checkbox line). */
export function criterionText(t: TemplateCriterion): string {
  return t.text || `- [ ] ${t.titleMarkdown}`;
}

function docArea(model: DiligenceModel, name: string): Area | undefined {
  const n = normaliseTitle(name);
  return model.areas.find((a) => a.kind === 'checklist' && normaliseTitle(a.name) === n);
}

/** The end of a section's text, trailing blank lines excluded (at least the end of its heading line). */
function contentEnd(model: DiligenceModel, span: Span, heading: Span): number {
  const end = span.start + trimEndWhere(model.text.slice(span.start, span.end), (ch) => /\s/.test(ch)).length;
  return Math.max(end, lineEnd(model.text, heading.start));
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/** Inserted after `offset` (the end of a block): a blank line, then the block. */
function after(model: DiligenceModel, offset: number, block: string): { offset: number; text: string } {
  return { offset, text: `${offset > 0 && model.text[offset - 1] !== '\n' ? '\n\n' : '\n'}${block}` };
}

/** What the criterion-missing diagnostic points at (the place without its safety check). */
export function placeSpan(model: DiligenceModel, a: Alignment, t: number): Span {
  return rawPlace(model, a, t).span;
}

export function placeOf(model: DiligenceModel, a: Alignment, t: number): Place {
  const p = rawPlace(model, a, t);
  // text put inside an unclosed HTML block or fence would not read as a criterion
  return p.safe && endsOpen(model, p.offset) ? { ...p, safe: false } : p;
}

function rawPlace(model: DiligenceModel, a: Alignment, t: number): Place {
  const tc = a.template.criteria[t]!;
  const block = criterionText(tc);
  const area = docArea(model, tc.area);
  const doc = (i: number): number => a.templateToDoc[i] ?? -1;
  const sameGroup = (o: TemplateCriterion): boolean => o.area === tc.area && o.level === tc.level;
  const headOf = (d: number): Span => {
    const c = model.criteria[d]!;
    return { start: c.checkbox.start, end: c.titleSpan.end };
  };
  for (let i = t - 1; i >= 0; i--) {
    const o = a.template.criteria[i]!;
    if (!sameGroup(o)) continue;
    const d = doc(i);
    if (d < 0 || (area && model.criteria[d]!.area !== model.areas.indexOf(area))) continue;
    return { span: headOf(d), levelled: true, safe: true, ...after(model, model.criteria[d]!.span.end, block) };
  }
  for (let i = t + 1; i < a.template.criteria.length; i++) {
    const o = a.template.criteria[i]!;
    if (!sameGroup(o)) continue;
    const d = doc(i);
    if (d < 0 || (area && model.criteria[d]!.area !== model.areas.indexOf(area))) continue;
    const start = model.lines.offsetAt({ line: model.lines.positionAt(model.criteria[d]!.span.start).line, character: 0 });
    return { span: headOf(d), levelled: true, safe: true, offset: start, text: `${block}\n\n` };
  }
  if (area) {
    const level = tc.level ? area.levels.find((l) => l.kind === tc.level) : undefined;
    if (level) {
      const last = level.criteria[level.criteria.length - 1];
      if (last !== undefined) return { span: level.heading, levelled: true, safe: true, ...after(model, model.criteria[last]!.span.end, block) };
      // after what the level already says ("N/A"): that text stays the level's, not the criterion's
      return { span: level.heading, levelled: true, safe: true, ...after(model, contentEnd(model, level.span, level.heading), block) };
    }
    const last = area.criteria[area.criteria.length - 1];
    const levelled = tc.level === undefined || area.levels.length === 0;
    if (last !== undefined) return { span: area.heading, levelled, safe: true, ...after(model, model.criteria[last]!.span.end, block) };
    return { span: area.heading, levelled, safe: true, ...after(model, contentEnd(model, area.span, area.heading), block) };
  }
  // the area itself is missing: before the next area the template lists that the document has
  const areaNames = a.template.areas.map((x) => x.name);
  const next = areaNames.slice(areaNames.indexOf(tc.area) + 1).map((n) => docArea(model, n)).find((x) => x !== undefined);
  const heading = a.template.areas.find((x) => x.name === tc.area)?.heading || `## ${tc.area}`;
  const section = `${heading}\n\n${tc.level ? `### ${LEVEL_NAME[tc.level]}\n\n` : ''}${block}`;
  const titleSpan = model.title?.span ?? { start: 0, end: 0 };
  if (next) return { span: titleSpan, levelled: true, safe: true, offset: next.heading.start, text: `${section}\n\n` };
  const end = model.text.length;
  const sep = end === 0 ? '' : model.text.endsWith('\n\n') ? '' : model.text.endsWith('\n') ? '\n' : '\n\n';
  return { span: titleSpan, levelled: true, safe: true, offset: end, text: `${sep}${section}\n` };
}
