/** Link verdicts placed on the document. */
import type { Finding } from '../findings';
import type { DiligenceModel } from '../model/types';
import type { LinkReport } from './checker';
import { linksToCheck } from './checker';

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
    for (const p of result.problems) {
      const f: Finding = { code: p.code, span: link.urlSpan ?? link.span, message: p.message, data: { link: link.index } };
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
    out.push({ code: 'links-not-checked', span: model.title?.span ?? { start: 0, end: 0 }, message: report.notChecked.message });
  }
  return out;
}
