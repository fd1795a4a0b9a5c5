import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Criterion, DiligenceModel, Span, SubItem } from '../model/types';

/**
 * Areas → levels → criteria → sub-items, for the outline and breadcrumbs: what VS Code's built-in markdown
 * provider (which lists every heading) lacks. A heading without criteria (the evaluation summary,
 * an empty area) is left to it; an area with criteria stays as their container, with its tally.
 */
export function documentSymbols(model: DiligenceModel): DocumentSymbol[] {
  const sym = (name: string, detail: string, kind: SymbolKind, span: Span, selection: Span, children: DocumentSymbol[] = []): DocumentSymbol => ({
    name: name || '(untitled)',
    detail,
    kind,
    range: model.lines.range(span),
    selectionRange: model.lines.range(selection),
    children,
  });
  // a sub-item (the Graduation template's nested items) under its criterion, on one line
  const sub = (x: SubItem): DocumentSymbol => sym((x.title ?? x.text).replace(/\s+/g, ' ').trim().slice(0, 120), x.checked ? 'met' : 'not met', SymbolKind.Boolean, x.span, x.checkbox);
  const crit = (c: Criterion): DocumentSymbol => sym(c.title, c.checked ? 'met' : 'not met', SymbolKind.Boolean, c.span, c.titleSpan, c.subItems.map(sub));
  return model.areas.filter((a) => a.criteria.length > 0).map((a) => {
    const inLevels = new Set(a.levels.flatMap((l) => l.criteria));
    const children = [
      ...a.levels.map((l) => {
        const met = l.criteria.filter((i) => model.criteria[i]!.checked).length;
        const detail = l.notApplicable ? 'N/A' : `${met}/${l.criteria.length} met`;
        return sym(l.kind === 'required' ? 'Required' : 'Suggested', detail, SymbolKind.Namespace, l.span, l.heading, l.criteria.map((i) => crit(model.criteria[i]!)));
      }),
      ...a.criteria.filter((i) => !inLevels.has(i)).map((i) => crit(model.criteria[i]!)),
    ].sort((x, y) => x.range.start.line - y.range.start.line);
    const met = a.criteria.filter((i) => model.criteria[i]!.checked).length;
    return sym(a.name, `${met}/${a.criteria.length} met`, SymbolKind.Module, a.span, a.heading, children);
  });
}
