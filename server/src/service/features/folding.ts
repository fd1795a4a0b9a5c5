import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { DiligenceModel, Span } from '../model/types';

/** Areas, levels and each criterion with its body fold. */
export function foldingRanges(model: DiligenceModel): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (s: Span, kind?: FoldingRangeKind): void => {
    const start = model.lines.positionAt(s.start).line;
    const end = model.lines.positionAt(s.end).line;
    if (end > start) out.push({ startLine: start, endLine: end, ...(kind ? { kind } : {}) });
  };
  for (const a of model.areas) {
    add(a.span, FoldingRangeKind.Region);
    for (const l of a.levels) add(l.span, FoldingRangeKind.Region);
  }
  for (const c of model.criteria) add(c.span);
  for (const cm of model.comments) add(cm.span, FoldingRangeKind.Comment);
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
