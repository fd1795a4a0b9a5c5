/**
 * Quick fixes "Ignore CODE on this line" and "Ignore CODE in this document": a suppression
 * comment where it changes nothing else (placement.ts); no place, no fix. Never preferred: the
 * fix for the finding itself comes first.
 */
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import type { DiligenceConfig } from '../config';
import { toDiagnostics } from '../features/diagnostics';
import type { Finding } from '../findings';
import type { DiligenceModel } from '../model/types';
import type { Directive } from './directives';
import { ignoreInDocument, ignoreOnLine, type Insertion } from './placement';

export function ignoreActions(model: DiligenceModel, findings: readonly Finding[], uri: string, range: Range, only: readonly string[] | undefined, config: DiligenceConfig, directives: readonly Directive[]): CodeAction[] {
  if (only && only.length > 0 && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(o + '.'))) return [];
  const span = model.lines.spanOf(range);
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  const add = (title: string, f: Finding, insertion: Insertion): void => {
    if (seen.has(title)) return;
    seen.add(title);
    const at = model.lines.positionAt(insertion.at);
    out.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: toDiagnostics(model, [f], config),
      edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: insertion.text }] } },
    });
  };
  const shown = findings.filter((f) => f.span.start <= span.end && span.start <= f.span.end && toDiagnostics(model, [f], config).length > 0);
  for (const f of shown) {
    const here = ignoreOnLine(model, f.span, f.code, directives);
    if (here) add(`Ignore ${f.code} on this line`, f, here);
  }
  for (const f of shown) add(`Ignore ${f.code} in this document`, f, ignoreInDocument(model, f.code, directives));
  return out;
}
