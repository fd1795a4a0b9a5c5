import type { Hover, MarkupContent, Position } from 'vscode-languageserver-types';
import type { DiligenceModel } from '../model/types';
import { describePlaceholder, type PlaceholderContext } from '../placeholderValues';
import { openTodos } from '../rules/criteria';
import { criterionHeadAt, linkAt, placeholderAt, todoMarkerAt } from './locate';
import { buildReport, todoOwners } from './report';

/** What a hover is about. */
export type HoverTarget =
  | { kind: 'placeholder' }
  | { kind: 'todo' }
  | { kind: 'criterion' }
  | { kind: 'link'; url: string }
  | { kind: 'title' };

export interface HoverContext {
  readonly uri: string;
  readonly model: DiligenceModel;
  /** the offset hovered */
  readonly offset: number;
  readonly target: HoverTarget;
}

/**
 * A section other parts of the service add to a hover (the link's verdict, the profile, the
 * evidence found): lines appended to the hover's markdown, none when it has nothing to say.
 */
export type HoverSection = (at: HoverContext) => readonly string[];

function md(value: string, model: DiligenceModel, span: { start: number; end: number }): Hover & { contents: MarkupContent } {
  return { contents: { kind: 'markdown', value }, range: model.lines.range(span) };
}

/**
 * The hover at `position`: what is under it, then each section's lines, in the order given.
 */
export function hover(model: DiligenceModel, position: Position, ctx: PlaceholderContext, sections: readonly HoverSection[] = [], uri = ''): Hover | null {
  const offset = model.lines.offsetAt(position);
  const base = baseHover(model, offset, ctx);
  if (!base) return null;
  let value = base.hover.contents.value;
  for (const section of sections) {
    const lines = section({ uri, model, offset, target: base.target });
    if (lines.length) value += '\n' + lines.join('\n');
  }
  return { ...base.hover, contents: { kind: 'markdown', value } };
}

function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s.replace(/\n/g, ' ')}${ticks}`;
}

function baseHover(model: DiligenceModel, offset: number, ctx: PlaceholderContext): { hover: Hover & { contents: MarkupContent }; target: HoverTarget } | null {
  const p = placeholderAt(model, offset);
  if (p) {
    const info = describePlaceholder(p, ctx);
    const fill = info.values.length === 0
      ? `No value to insert: ${info.hint ?? 'only the reviewer can fill it'}.`
      : info.values.length === 1
        ? `Quick fix inserts ${code(info.values[0]!)}.`
        : `Quick fix keeps one of: ${info.values.map(code).join(', ')}.`;
    return { hover: md(`**Template placeholder** ${code(p.text.length > 60 ? p.text.slice(0, 57) + '…' : p.text)}\n\nStands for ${info.meaning}.\n\n${fill}`, model, p.span), target: { kind: 'placeholder' } };
  }

  const t = todoMarkerAt(model, offset);
  if (t) {
    const owners = todoOwners(model);
    const mine = owners.find((o) => o.key === t.ownerKey)?.count ?? 0;
    const total = owners.reduce((n, o) => n + o.count, 0);
    const state = t.resolved ? 'resolved' : 'open';
    const where = t.criterion >= 0 ? `\n\nOn criterion: *${model.criteria[t.criterion]!.title}*` : '';
    return { hover: md(`**TODO for ${t.owner}** (${state})\n\n${t.owner} has ${mine} open TODO${mine === 1 ? '' : 's'} in this document (of ${total} open).${where}`, model, t.marker), target: { kind: 'todo' } };
  }

  const c = criterionHeadAt(model, offset);
  if (c) {
    const area = model.areas[c.area]?.name ?? 'no area';
    const level = c.level === 'required' ? 'Required' : c.level === 'suggested' ? 'Suggested' : 'no level';
    const open = openTodos(model, c);
    const owners = [...new Set(open.map((x) => x.owner))];
    const lines = [
      `**Criterion** · ${area} · ${level}`,
      '',
      `- State: ${c.checked ? '**met** `[x]`' : 'not met `[ ]`'}`,
      `- Evidence cited: ${c.evidence.length} link${c.evidence.length === 1 ? '' : 's'}`,
      `- Open TODOs: ${open.length}${owners.length ? ` (${owners.join(', ')})` : ''}`,
      `- Evaluation: ${c.evaluation ? `${c.evaluation.length > 160 ? c.evaluation.slice(0, 159) + '…' : c.evaluation}` : '*none yet*'}`,
    ];
    if (c.subItems.length) lines.push(`- Sub-items: ${c.subItems.filter((s) => s.checked).length}/${c.subItems.length} checked`);
    return { hover: md(lines.join('\n'), model, { start: c.span.start, end: c.titleSpan.end }), target: { kind: 'criterion' } };
  }

  const l = linkAt(model, offset);
  if (l) {
    const target = l.url ? code(l.url) : '*no target*';
    const kind = l.syntax === 'reference' ? 'reference link' : l.syntax === 'definition' ? 'link definition' : l.syntax === 'bare' ? 'bare URL' : l.syntax === 'autolink' ? 'autolink' : 'link';
    return { hover: md(`**${kind[0]!.toUpperCase()}${kind.slice(1)}** → ${target}`, model, l.span), target: { kind: 'link', url: l.url } };
  }

  if (model.title && offset >= model.title.span.start && offset <= model.title.span.end) {
    const r = buildReport(model);
    return { hover: md([
      `**${r.project ?? 'Unknown project'}** · ${r.level ?? 'level not stated'}`,
      '',
      `- Required criteria met: ${r.required.met}/${r.required.total}`,
      `- Criteria checked: ${r.criteria.checked}/${r.criteria.total}`,
      `- Open TODOs: ${r.todos.reduce((n, x) => n + x.count, 0)}`,
      `- Placeholders left: ${r.placeholders}`,
    ].join('\n'), model, model.title.span), target: { kind: 'title' } };
  }
  return null;
}
