/**
 * The summary's blockers and recommendations, reconciled: a line of the summary (the area and
 * the `## Blockers…` sections that belong to it) citing a GitHub issue or pull request the link
 * checker found closed or merged gets a `blocker-resolved` hint, with a quick fix that strikes
 * the line through and says so. The states come from the link checker's batched GitHub answers
 * (no request of its own); an open one, or a line already struck through, gets nothing.
 */
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { DiligenceModel, Span } from '../model/types';
import type { LinkResult } from '../links/types';

const STATE_RE = /^(Issue|Pull request) (#\d+)\b.* · (closed|merged)(?: on (\d{4}-\d{2}-\d{2}))?(?: · repository archived)?$/;
const GITHUB_ITEM_RE = /^https?:\/\/(?:www\.)?github\.com\/[^/]+\/[^/]+\/(?:issues|pull)\/\d+/i;

/** "Issue #12 … · closed on 2024-01-01" → what was resolved, or undefined. */
export function resolvedState(summary: string | undefined): { kind: string; number: string; state: string; date?: string } | undefined {
  const m = summary ? STATE_RE.exec(summary) : null;
  return m ? { kind: m[1]!, number: m[2]!, state: m[3]!, ...(m[4] ? { date: m[4] } : {}) } : undefined;
}

/** The summary's spans: the summary area, and what the model counts as part of it. */
function summarySpans(model: DiligenceModel): Span[] {
  return model.areas.filter((a) => a.kind === 'summary').map((a) => a.span);
}

export function blockerFindings(model: DiligenceModel, resultOf: (url: string) => LinkResult | undefined): Finding[] {
  const spans = summarySpans(model);
  if (spans.length === 0) return [];
  const out: Finding[] = [];
  const seen = new Set<number>();
  for (const l of model.links) {
    if (!GITHUB_ITEM_RE.test(l.url) || !spans.some((s) => s.start <= l.span.start && l.span.end <= s.end)) continue;
    const state = resolvedState(resultOf(l.url)?.summary);
    if (!state) continue;
    const pos = model.lines.positionAt(l.span.start);
    if (seen.has(pos.line)) continue;
    seen.add(pos.line);
    const lineStart = model.lines.offsetAt({ line: pos.line, character: 0 });
    const line = model.lines.lineText(pos.line);
    const lead = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?/.exec(line)![0];
    const body = line.slice(lead.length).trimEnd();
    if (body === '' || body.startsWith('~~') || /\bresolved\b/i.test(body)) continue;
    const what = `${state.kind} ${state.number} ${state.state}${state.date ? ` on ${state.date}` : ''}`;
    out.push({
      code: Code.blockerResolved,
      span: { start: lineStart + lead.length, end: lineStart + lead.length + body.length },
      message: `Resolved: ${what} — strike it through or move it to the resolved blockers`,
      data: { replacement: `~~${body}~~ (resolved: ${what})`, replacementTitle: `Strike through: ${what}` },
    });
  }
  return out;
}
