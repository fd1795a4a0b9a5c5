/**
 * Edits that bring a document to its template: insert a missing criterion (the template's lines
 * for it, at its place), take the template's wording of a title, and "Update to the current
 * template" — every missing criterion inserted, every reworded title replaced, criteria listed
 * under another level moved under the template's, and criteria the template no longer has
 * marked with a comment (never deleted). Evaluations, TODOs and links are kept byte for byte:
 * only titles are rewritten, and moved criteria move with all their text.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { DiligenceModel, LevelKind, Span } from '../model/types';
import type { Alignment } from './align';
import { criterionText, placeOf } from './place';

/** What marks a criterion the template no longer has (the update looks for it: a second run adds none). */
export const NOT_IN_TEMPLATE_MARK = '<!-- Diligence: not a criterion of the template';

interface Insert {
  offset: number;
  text: string;
  /** template order, so inserts at one offset keep the template's order */
  order: number;
}

function edit(model: DiligenceModel, span: Span, newText: string): TextEdit {
  return { range: model.lines.range(span), newText };
}

/** undefined where the text would not read as markdown there */
export function insertCriterionEdit(model: DiligenceModel, a: Alignment, t: number): TextEdit | undefined {
  const p = placeOf(model, a, t);
  return p.safe ? edit(model, { start: p.offset, end: p.offset }, p.text) : undefined;
}

export function rewordEdit(model: DiligenceModel, a: Alignment, pair: { template: number; doc: number }): TextEdit {
  return edit(model, model.criteria[pair.doc]!.titleSpan, a.template.criteria[pair.template]!.titleMarkdown);
}

/** The whole lines of a criterion with the blank lines after it: what moves when its level is fixed. */
function blockSpan(model: DiligenceModel, d: number): Span {
  const c = model.criteria[d]!;
  const start = model.text.lastIndexOf('\n', c.span.start - 1) + 1;
  let end = c.span.end;
  for (;;) {
    const nl = model.text.indexOf('\n', end);
    if (nl < 0) return { start, end: model.text.length };
    const next = model.text.indexOf('\n', nl + 1);
    const line = model.text.slice(nl + 1, next < 0 ? model.text.length : next);
    if (line.trim() !== '' || next < 0) return { start, end: nl + 1 };
    end = next;
  }
}

const LEVEL_NAME: Record<LevelKind, string> = { required: 'Required', suggested: 'Suggested' };

export function updateEdits(model: DiligenceModel, a: Alignment): TextEdit[] {
  const inserts: Insert[] = [];
  const replaced = new Map<number, string>();
  for (const p of a.reworded) replaced.set(p.doc, a.template.criteria[p.template]!.titleMarkdown);
  const spans: Array<{ span: Span; text: string }> = [];
  // criteria at another level: their whole text moves under the template's level
  const moving = new Set<number>();
  for (const p of a.levelChanged) {
    const place = placeOf(model, { ...a, templateToDoc: a.templateToDoc.map((d, t) => (t === p.template ? -1 : d)) }, p.template);
    if (!place.levelled || !place.safe) continue;
    const block = blockSpan(model, p.doc);
    if (place.offset >= block.start && place.offset <= block.end) continue;
    const c = model.criteria[p.doc]!;
    const start = model.text.lastIndexOf('\n', c.span.start - 1) + 1;
    let text = model.text.slice(start, c.span.end);
    const title = replaced.get(p.doc);
    if (title !== undefined) text = text.slice(0, c.titleSpan.start - start) + title + text.slice(c.titleSpan.end - start);
    moving.add(p.doc);
    spans.push({ span: block, text: '' });
    inserts.push({ offset: place.offset, text: place.text.replace(criterionText(a.template.criteria[p.template]!), () => text), order: p.template });
  }
  for (const [d, title] of replaced) if (!moving.has(d)) spans.push({ span: model.criteria[d]!.titleSpan, text: title });
  // missing criteria, a missing area once with all of its criteria
  const newAreas = new Map<string, { offset: number; text: string; order: number; levels: Map<string, string[]> }>();
  for (const t of a.missing) {
    const tc = a.template.criteria[t]!;
    const place = placeOf(model, a, t);
    if (!place.safe) continue;
    const areaMissing = place.span === (model.title?.span ?? place.span) && !model.areas.some((x) => x.kind === 'checklist' && x.name.trim().toLowerCase() === tc.area.trim().toLowerCase());
    if (areaMissing) {
      const entry = newAreas.get(tc.area) ?? { offset: place.offset, text: place.text, order: t, levels: new Map<string, string[]>() };
      const key = tc.level ?? '';
      entry.levels.set(key, [...(entry.levels.get(key) ?? []), criterionText(tc)]);
      newAreas.set(tc.area, entry);
      continue;
    }
    inserts.push({ offset: place.offset, text: place.text, order: t });
  }
  for (const [name, e] of newAreas) {
    const heading = a.template.areas.find((x) => x.name === name)?.heading || `## ${name}`;
    const parts = [heading];
    for (const [level, blocks] of e.levels) {
      if (level) parts.push(`### ${LEVEL_NAME[level as LevelKind]}`);
      parts.push(...blocks);
    }
    const section = parts.join('\n\n');
    const atEnd = e.offset >= model.text.length;
    const sep = !atEnd || model.text.length === 0 ? '' : model.text.endsWith('\n\n') ? '' : model.text.endsWith('\n') ? '\n' : '\n\n';
    inserts.push({ offset: e.offset, text: atEnd ? `${sep}${section}\n` : `${section}\n\n`, order: e.order });
  }
  // criteria the template does not have: marked, kept
  for (const d of a.notInTemplate) {
    const c = model.criteria[d]!;
    if (model.text.slice(c.span.start, c.span.end).includes(NOT_IN_TEMPLATE_MARK)) continue;
    const i = a.template.info;
    inserts.push({ offset: c.span.end, text: `\n\n${NOT_IN_TEMPLATE_MARK}${i.date ? ` of ${i.date}` : ''}; kept as written -->`, order: Number.MAX_SAFE_INTEGER - 1 });
  }
  // an insert anchored to a criterion that moves away goes where that criterion was
  const removed = spans.filter((s) => s.text === '').map((s) => s.span);
  for (const ins of inserts) {
    const inside = removed.find((r) => ins.offset > r.start && ins.offset < r.end);
    if (!inside) continue;
    // there it starts a line: the block, then a blank line
    ins.offset = inside.start;
    ins.text = `${ins.text.replace(/^\n+/, '')}\n\n`;
  }
  const byOffset = new Map<number, Insert[]>();
  for (const ins of inserts) byOffset.set(ins.offset, [...(byOffset.get(ins.offset) ?? []), ins]);
  const edits: TextEdit[] = spans.map((s) => edit(model, s.span, s.text));
  for (const [offset, group] of byOffset) {
    group.sort((x, y) => x.order - y.order);
    edits.push(edit(model, { start: offset, end: offset }, group.map((g) => g.text).join('')));
  }
  return edits;
}
