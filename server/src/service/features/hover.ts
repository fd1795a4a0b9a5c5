import type { Hover, Position } from 'vscode-languageserver-types';
import type { DiligenceModel } from '../model/types';
import { describePlaceholder, type PlaceholderContext } from '../placeholderValues';
import { openTodos } from '../rules/criteria';
import { criterionHeadAt, linkAt, placeholderAt, todoMarkerAt } from './locate';
import { buildReport, todoOwners } from './report';

/** Extra lines a hover on a link can show (the link checker's result, when there is one). */
export type LinkHoverInfo = (url: string) => string | undefined;

function md(value: string, model: DiligenceModel, span: { start: number; end: number }): Hover {
  return { contents: { kind: 'markdown', value }, range: model.lines.range(span) };
}

function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s.replace(/\n/g, ' ')}${ticks}`;
}

export function hover(model: DiligenceModel, position: Position, ctx: PlaceholderContext, linkInfo?: LinkHoverInfo, titleInfo?: () => string[]): Hover | null {
  const offset = model.lines.offsetAt(position);

  const p = placeholderAt(model, offset);
  if (p) {
    const info = describePlaceholder(p, ctx);
    const fill = info.values.length === 0
      ? `No value to insert: ${info.hint ?? 'only the reviewer can fill it'}.`
      : info.values.length === 1
        ? `Quick fix inserts ${code(info.values[0]!)}.`
        : `Quick fix keeps one of: ${info.values.map(code).join(', ')}.`;
    return md(`**Template placeholder** ${code(p.text.length > 60 ? p.text.slice(0, 57) + '…' : p.text)}\n\nStands for ${info.meaning}.\n\n${fill}`, model, p.span);
  }

  const t = todoMarkerAt(model, offset);
  if (t) {
    const owners = todoOwners(model);
    const mine = owners.find((o) => o.key === t.ownerKey)?.count ?? 0;
    const total = owners.reduce((n, o) => n + o.count, 0);
    const state = t.resolved ? 'resolved' : 'open';
    const where = t.criterion >= 0 ? `\n\nOn criterion: *${model.criteria[t.criterion]!.title}*` : '';
    return md(`**TODO for ${t.owner}** (${state})\n\n${t.owner} has ${mine} open TODO${mine === 1 ? '' : 's'} in this document (of ${total} open).${where}`, model, t.marker);
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
    return md(lines.join('\n'), model, { start: c.span.start, end: c.titleSpan.end });
  }

  const l = linkAt(model, offset);
  if (l) {
    const target = l.url ? code(l.url) : '*no target*';
    const kind = l.syntax === 'reference' ? 'reference link' : l.syntax === 'definition' ? 'link definition' : l.syntax === 'bare' ? 'bare URL' : l.syntax === 'autolink' ? 'autolink' : 'link';
    const extra = l.url ? linkInfo?.(l.url) : undefined;
    return md(`**${kind[0]!.toUpperCase()}${kind.slice(1)}** → ${target}${extra ? `\n\n${extra}` : ''}`, model, l.span);
  }

  if (model.title && offset >= model.title.span.start && offset <= model.title.span.end) {
    const r = buildReport(model);
    return md([
      `**${r.project ?? 'Unknown project'}** · ${r.level ?? 'level not stated'}`,
      '',
      `- Required criteria met: ${r.required.met}/${r.required.total}`,
      `- Criteria checked: ${r.criteria.checked}/${r.criteria.total}`,
      `- Open TODOs: ${r.todos.reduce((n, x) => n + x.count, 0)}`,
      `- Placeholders left: ${r.placeholders}`,
      ...(titleInfo?.() ?? []),
    ].join('\n'), model, model.title.span);
  }
  return null;
}
