/**
 * How `check` prints its results: the text, JSON, SARIF and GitHub formats, and the guard that
 * makes document text safe for a terminal or a CI log (`report`'s formats: reportFormat.ts). It
 * loads no analysis: a run that the results cache answers prints with it alone (warm.ts).
 */
import { appendFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ALL_CODES, Code, DEFAULT_SEVERITY, severityName } from '../service/codes';
import type { ReadinessReport } from '../service/features/report';
import type { ServiceDocument } from '../service/types';
import { annotations, findingsSummary } from './github';
import { VERSION } from './version';
import { filesJson } from './jsonOutput';
import type { LineWriter } from './output';

export interface FileResult {
  /** as shown: relative to the working folder when inside it, `<stdin>` for standard input */
  path: string;
  text: string;
  diagnostics: Diagnostic[];
  /** recognised as a due-diligence document (others get no diagnostics); not asked by `check` */
  diligence?: boolean;
  /** asked for with `withReport`; undefined when the document was not analysed */
  report?: ReadinessReport;
  doc: ServiceDocument;
}

/** A finding of severity error in any file: `check` exits 1. */
export function hasError(results: ReadonlyArray<{ diagnostics: Diagnostic[] }>): boolean {
  return results.some((r) => r.diagnostics.some((d) => severityName(d.severity) === 'error'));
}

export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/**
 * Text from the document made safe for a terminal or a CI log: C0 and C1 control characters
 * (escape sequences that write the clipboard, clear the screen, retitle the window) become
 * U+FFFD. Line feeds and tabs are kept only when `keepLines` (the markdown report).
 */
export function printable(s: string, keepLines = false): string {
  // eslint-disable-next-line no-control-regex -- the point is to find them
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (keepLines && (c === '\n' || c === '\t') ? c : '\ufffd'));
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
const RULE_HELP: Record<string, string> = {
  [Code.placeholder]: 'A template placeholder is still in the text.',
  [Code.todo]: 'An open TODO.',
  [Code.evaluationMissing]: 'A criterion has no finding yet, only the template comment.',
  [Code.checkedWithoutEvidence]: 'A checked criterion cites no evidence and has no evaluation.',
  [Code.checkedWithOpenTodo]: 'A checked criterion still has an open TODO.',
  [Code.requiredUnmet]: 'A Required criterion is not met yet.',
  [Code.subitemUnchecked]: 'A checked criterion has an unchecked sub-item.',
  [Code.evaluationDelegated]: 'An area hands its evaluation to another review.',
  [Code.criterionWithoutCheckbox]: 'A criterion is written without a checkbox.',
  [Code.criterionNested]: 'A criterion of the template is indented under another criterion.',
  [Code.noChecklist]: 'The document has no checklist of criteria.',
  [Code.linkMalformed]: 'A link target is malformed.',
  [Code.linkBroken]: 'An evidence link is broken.',
  [Code.linkUnreachable]: 'An evidence link could not be reached.',
  [Code.linkRedirected]: 'An evidence link is permanently redirected.',
  [Code.linkFragment]: 'An evidence link points at an anchor its target does not have.',
  [Code.linkUnpinned]: 'A GitHub link points at a branch, which can change after the review.',
  [Code.linkArchived]: 'An evidence link points at an archived repository.',
  [Code.linksNotChecked]: 'Evidence links could not be checked.',
  [Code.linkNotChecked]: 'One link was deliberately not checked (outside the workspace, another machine, a private address).',
  [Code.evidenceAvailable]: 'Evidence was found in the project\'s repositories that the criterion does not cite.',
  [Code.interviewNamesOrganisation]: 'An anonymous adopter interview names its organisation (in its text or file name).',
  [Code.interviewMaintainer]: 'An adopter interviewee is one of the project\'s maintainers.',
  [Code.interviewUnanswered]: 'An adopter interview has questions without an answer.',
  [Code.interviewApprovalOverdue]: 'The adopter\'s two-week window to approve the interview summary has passed.',
  [Code.interviewsTooFew]: 'Fewer than three adopter interviews were held.',
  [Code.publicCommentFreeze]: 'The public comment period starts or ends within four weeks before a KubeCon.',
  [Code.documentTooLarge]: 'The document was too large to analyse.',
};

function sarif(results: FileResult[]): unknown {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'diligence',
          version: VERSION,
          informationUri: 'https://github.com/diligence-tools/diligence',
          rules: ALL_CODES.map((code) => ({
            id: code,
            shortDescription: { text: RULE_HELP[code] ?? code },
            defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_SEVERITY[code]] },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: results.flatMap((r) => r.diagnostics.map((d) => ({
        ruleId: String(d.code),
        ruleIndex: ALL_CODES.indexOf(d.code as (typeof ALL_CODES)[number]),
        level: SARIF_LEVEL[severityName(d.severity)],
        message: { text: messageText(d) },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: r.path.split('\\').join('/') },
            region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
          },
        }],
      }))),
    }],
  };
}

export function printCheck(results: FileResult[], format: string, out: LineWriter, err: (s: string) => void): void {
  if (format === 'json') {
    const json = filesJson(results.map((r) => ({
      path: r.path,
      diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: severityName(d.severity), message: messageText(d), range: d.range })),
    })));
    // a writer of lines only (the tests' own): the same text, its last line break left to it
    if (out.bytes) out.bytes(json);
    else out(new TextDecoder().decode(json.subarray(0, -1)));
    return;
  }
  if (format === 'sarif') {
    out(JSON.stringify(sarif(results), null, 2));
    return;
  }
  if (format === 'github') {
    const findings = results.flatMap((r) => r.diagnostics.map((diagnostic) => ({ path: r.path, diagnostic })));
    // in a workflow step the job summary lists them all; elsewhere the text format does
    const summary = process.env.GITHUB_STEP_SUMMARY;
    for (const line of annotations(findings, summary ? 'see the job summary' : 'run diligence check without --format github to see them all')) out(printable(line));
    if (summary) {
      try {
        appendFileSync(summary, findingsSummary(findings));
      } catch (e) {
        err(`diligence: the job summary (GITHUB_STEP_SUMMARY) cannot be written: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
    }
    return;
  }
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    for (const d of r.diagnostics) {
      const sev = severityName(d.severity);
      counts[sev]++;
      out(printable(`${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} ${String(d.code)} ${messageText(d)}`));
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  err(`${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information + counts.hint} info) in ${results.length} file${results.length === 1 ? '' : 's'}`);
}
