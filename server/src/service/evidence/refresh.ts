/**
 * Refresh evidence, in the editor: the source action `source.refreshEvidence.diligence` rewrites
 * the facts Diligence inserted from the document's last discovery; the quick fix on an
 * `evidence-stale` hint runs the command `diligence.refreshEvidence`, which discovers again (the
 * cache bypassed) before rewriting (see EvidenceFeature.refresh).
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { DiligenceModel, Span } from '../model/types';
import type { EvidenceItem } from '../profiles/types';
import { describeChanges, refreshEdits } from './dated';

export const REFRESH_EVIDENCE_KIND = `${CodeActionKind.Source}.refreshEvidence.diligence`;
export const REFRESH_EVIDENCE_COMMAND = 'diligence.refreshEvidence';

const wants = (only: string[] | undefined, kind: string): boolean => !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(o + '.'));

export function refreshActions(
  model: DiligenceModel,
  uri: string,
  findings: readonly Finding[],
  range: Span,
  only: string[] | undefined,
  items: readonly EvidenceItem[] | undefined,
  now: Date,
  diagnosticsOf: (f: Finding) => CodeAction['diagnostics'],
): CodeAction[] {
  const out: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    const stale = findings.filter((f) => f.code === Code.evidenceStale && f.span.start <= range.end && range.start <= f.span.end);
    if (stale.length > 0) {
      out.push({
        title: 'Refresh evidence (discover again and rewrite the facts Diligence inserted)',
        kind: CodeActionKind.QuickFix,
        diagnostics: stale.flatMap((f) => diagnosticsOf(f) ?? []),
        isPreferred: true,
        command: { title: 'Refresh evidence', command: REFRESH_EVIDENCE_COMMAND, arguments: [uri] },
      });
    }
  }
  // the source action only when asked for by kind (it rewrites lines all over the document)
  if (items && only?.some((o) => REFRESH_EVIDENCE_KIND === o || REFRESH_EVIDENCE_KIND.startsWith(o + '.'))) {
    const { edits, changes } = refreshEdits(model, items, now);
    if (edits.length > 0) {
      const changed = describeChanges(changes).length;
      out.push({ title: `Refresh evidence: ${edits.length} fact${edits.length === 1 ? '' : 's'} rewritten${changed > 0 ? `, ${changed} changed` : ''}`, kind: REFRESH_EVIDENCE_KIND, edit: { changes: { [uri]: edits } } });
    }
  }
  return out;
}
