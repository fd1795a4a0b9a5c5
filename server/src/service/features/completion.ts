import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { ALL_CODES } from '../codes';
import type { DiligenceModel } from '../model/types';
import { describePlaceholder, type PlaceholderContext } from '../placeholderValues';
import { placeholderAt } from './locate';
import { todoOwners } from './report';

/**
 * Inside a placeholder: its values. After `**TODO for `: the owners this document already has,
 * the project's team and the reviewer.
 */
export function completion(model: DiligenceModel, requested: Position, ctx: PlaceholderContext): CompletionItem[] {
  const offset = model.lines.offsetAt(requested);
  // a position past the end of a line or of the text answers for the nearest real one
  const position = model.lines.positionAt(offset);
  const p = placeholderAt(model, offset) ?? placeholderAt(model, offset - 1);
  if (p) {
    const info = describePlaceholder(p, ctx);
    return info.values.map((v, i) => ({
      label: v,
      kind: CompletionItemKind.Value,
      detail: `${p.text.length > 40 ? p.text.slice(0, 39) + '…' : p.text}: ${info.meaning}`,
      sortText: String(i).padStart(3, '0'),
      filterText: p.text,
      textEdit: { range: model.lines.range(p.span), newText: v },
    }));
  }
  const line = model.lines.lineText(position.line).slice(0, position.character);
  const inDirective = directiveCodes(line, position);
  if (inDirective) return inDirective;
  // Only the text after the last '**' can be a TODO marker being typed: matching there (sticky,
  // from one index) keeps the look-up linear on a long line.
  const star = line.lastIndexOf('**');
  const marker = /\*\*(?:TODO|DONE)[ \t]+for[ \t]([^*:]*)$/iy;
  marker.lastIndex = Math.max(star, 0);
  const m = star >= 0 ? marker.exec(line) : null;
  if (m) {
    const typed = (m[1] ?? '').trimStart();
    const start = { line: position.line, character: position.character - typed.length };
    const owners = new Map<string, string>();
    for (const o of todoOwners(model)) owners.set(o.key, o.owner);
    for (const t of model.todos) if (!owners.has(t.ownerKey)) owners.set(t.ownerKey, t.owner);
    if (model.project && !owners.has(`${model.project} team`.toLowerCase())) owners.set(`${model.project} team`.toLowerCase(), `${model.project} team`);
    if (ctx.reviewerName && !owners.has(ctx.reviewerName.toLowerCase())) owners.set(ctx.reviewerName.toLowerCase(), ctx.reviewerName);
    return [...owners.values()].map((owner, i) => ({
      label: owner,
      kind: CompletionItemKind.Reference,
      detail: 'TODO owner',
      sortText: String(i).padStart(3, '0'),
      textEdit: { range: { start, end: position }, newText: owner },
    }));
  }
  return [];
}

/** After `<!-- diligence-disable CODE ` (any directive that takes codes): the codes. */
function directiveCodes(line: string, position: Position): CompletionItem[] | undefined {
  const open = line.lastIndexOf('<!--');
  if (open < 0 || line.includes('-->', open)) return undefined;
  const m = /^<!--[ \t]*diligence-(?:disable|enable|disable-line|disable-next-line|disable-file|enable-file)[ \t][^>]*$/.exec(line.slice(open));
  if (!m) return undefined;
  let from = line.length;
  while (from > 0 && /[\w-]/.test(line[from - 1]!)) from--;
  const start = { line: position.line, character: position.character - (line.length - from) };
  return ALL_CODES.map((code) => ({ label: code, kind: CompletionItemKind.EnumMember, detail: 'Diligence diagnostic code', textEdit: { range: { start, end: position }, newText: code } }));
}
