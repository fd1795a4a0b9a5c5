/** How `report` prints its results: the readiness reports as markdown or JSON. */
import { reportToMarkdown, type ReadinessReport } from '../service/index';
import { messageText, printable, type FileResult } from './format';

export function printReports(results: FileResult[], format: string, out: (s: string) => void, err: (s: string) => void): void {
  const reports: ReadinessReport[] = [];
  for (const r of results) {
    if (r.report) reports.push(r.report);
    else err(`diligence: ${r.path}: not analysed (${r.diagnostics[0] ? messageText(r.diagnostics[0]) : 'too large'}); nothing to report`);
  }
  // one file, one report (as before several were accepted); several, one JSON array or the reports one after the other
  if (format === 'json') out(JSON.stringify(results.length === 1 ? reports[0] : reports, null, 2));
  else if (reports.length > 0) out(reports.map((r) => printable(reportToMarkdown(r).trimEnd(), true)).join('\n\n'));
}
