/** Link verdicts placed on the document. */
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { DiligenceModel } from '../model/types';
import type { LinkReport } from './checker';
import { linksToCheck } from './checker';
import type { LinkResult } from './types';
import { formatLocalTime } from '../text/localTime';

/**
 * Findings for the links whose verdict is known (a partial report gives partial findings, so the
 * host can call this after each `onResult`), plus at most one links-not-checked finding, on the
 * title.
 */
export function linkFindings(model: DiligenceModel, report: LinkReport): Finding[] {
  const out: Finding[] = [];
  for (const link of linksToCheck(model.links)) {
    const result = report.results.get(link.url);
    if (!result) continue;
    // a malformed link (`sandbox.cncf.io` without a scheme) has its one finding, link-malformed:
    // what checking it as a relative path says would be a second one on the same range
    const span = link.urlSpan ?? link.span;
    if (model.malformedLinks.some((m) => m.span.start < span.end && span.start < m.span.end)) continue;
    for (const p of result.problems) {
      const f: Finding = { code: p.code, span, message: p.message, data: { link: link.index } };
      if (link.criterion >= 0) f.data!.criterion = link.criterion;
      // A replacement stands for the written URL: without one (references) there is nothing to replace.
      if (p.replacement !== undefined && link.urlSpan) {
        f.data!.replacement = p.replacement;
        if (p.replacementTitle !== undefined) f.data!.replacementTitle = p.replacementTitle;
      }
      out.push(f);
    }
  }
  if (report.notChecked) {
    out.push({ code: Code.linksNotChecked, span: model.title?.span ?? { start: 0, end: 0 }, message: report.notChecked.message });
  }
  return out;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/**
 * Text from elsewhere (a pull request's title, a redirect target, a server's words) as literal
 * markdown: every character markdown could read as syntax is escaped, so a title cannot show
 * an image or a link in the reviewer's hover.
 */
export function escapeMarkdown(s: string): string {
  // `:` too: `https\://…` is not turned into a link by the renderers that link bare URLs
  return s.replace(/[\\`*_{}[\]<>()!|~&:]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

/** What the hover on a link says about its last check (markdown). */
export function describeLinkResult(r: LinkResult, now: number): string {
  if (r.notChecked) return `Not checked: ${escapeMarkdown(r.notChecked.message)}`;
  const lines: string[] = [];
  const status = r.problems.length === 0 ? '✓ no problem found' : r.problems.map((p) => `\`${p.code}\``).join(', ');
  lines.push(`**Status:** ${status}${r.summary ? ` · ${escapeMarkdown(r.summary)}` : ''}`);
  for (const p of r.problems) lines.push(`- ${escapeMarkdown(p.message)}`);
  if (r.checkedWith !== undefined) lines.push(`**Where:** checked ${escapeMarkdown(r.checkedWith)}`);
  if (r.finalUrl !== undefined) lines.push(`**Final URL:** ${escapeMarkdown(r.finalUrl)}`);
  if (r.checkedAt !== undefined) {
    const when = formatLocalTime(r.checkedAt);
    lines.push(`**Checked:** ${ago(now - r.checkedAt)} (${when})${r.fromCache ? ', from the cache' : ''}`);
  }
  return lines.join('\n\n');
}
