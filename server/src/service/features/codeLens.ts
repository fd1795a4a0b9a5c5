import type { CodeLens } from 'vscode-languageserver-types';
import type { DiligenceModel } from '../model/types';
import { buildReport } from './report';

export const SHOW_REPORT_COMMAND = 'diligence.showReport';

/** On each checklist area's heading: "Required 3/7 met · Suggested 1/2 met · 2 open TODOs". */
export function codeLenses(model: DiligenceModel, uri: string): CodeLens[] {
  const report = buildReport(model);
  const byLine = new Map(report.areas.map((a) => [a.line, a]));
  const out: CodeLens[] = [];
  for (const area of model.areas) {
    if (area.kind !== 'checklist') continue;
    const r = byLine.get(model.lines.positionAt(area.heading.start).line);
    if (!r) continue;
    const parts: string[] = [];
    if (r.required.total) parts.push(`Required ${r.required.met}/${r.required.total} met`);
    if (r.suggested.total) parts.push(`Suggested ${r.suggested.met}/${r.suggested.total} met`);
    if (r.other.total) parts.push(`${r.other.met}/${r.other.total} met`);
    if (parts.length === 0) parts.push('no criteria');
    parts.push(`${r.openTodos} open TODO${r.openTodos === 1 ? '' : 's'}`);
    out.push({ range: model.lines.range(area.heading), command: { title: parts.join(' · '), command: SHOW_REPORT_COMMAND, arguments: [uri] } });
  }
  return out;
}
