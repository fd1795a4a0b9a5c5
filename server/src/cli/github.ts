/**
 * GitHub Actions workflow commands. GitHub shows at most 10 annotations of each level per step
 * and drops the rest without a word, so errors come first, then warnings, then notices, at most
 * 10 of each, and one notice says how many were left out and where they are.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { severityName } from '../service/codes';

/** GitHub's limit per level and step */
export const ANNOTATIONS_PER_LEVEL = 10;

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Located {
  /** the path GitHub knows the file by (relative to the repository) */
  path: string;
  diagnostic: Diagnostic;
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotationLevel(d: Diagnostic): AnnotationLevel {
  const sev = severityName(d.severity);
  return sev === 'error' ? 'error' : sev === 'warning' ? 'warning' : 'notice';
}

function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function annotation(f: Located): string {
  const d = f.diagnostic;
  return `::${annotationLevel(d)} file=${escapeProperty(f.path)},line=${d.range.start.line + 1},col=${d.range.start.character + 1},endLine=${d.range.end.line + 1},endColumn=${d.range.end.character + 1},title=${escapeProperty(`diligence ${String(d.code)}`)}::${escapeData(messageText(d))}`;
}

/**
 * The annotations GitHub will show, in order: errors, warnings, notices, at most 10 of each;
 * when some are left out, the last notice says how many (it counts as a notice, so then at most 9
 * findings are notices). `moreWhere` ends that sentence ("see the job summary").
 */
export function annotations(findings: readonly Located[], moreWhere: string): string[] {
  const by: Record<AnnotationLevel, Located[]> = { error: [], warning: [], notice: [] };
  for (const f of findings) by[annotationLevel(f.diagnostic)].push(f);
  const overflow = by.error.length > ANNOTATIONS_PER_LEVEL || by.warning.length > ANNOTATIONS_PER_LEVEL || by.notice.length > ANNOTATIONS_PER_LEVEL;
  const noticeRoom = overflow ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL;
  const shown = [...by.error.slice(0, ANNOTATIONS_PER_LEVEL), ...by.warning.slice(0, ANNOTATIONS_PER_LEVEL), ...by.notice.slice(0, noticeRoom)];
  const lines = shown.map(annotation);
  const more = findings.length - shown.length;
  if (more > 0) lines.push(`::notice title=diligence::${escapeData(`${more} more finding${more === 1 ? '' : 's'}: ${moreWhere}`)}`);
  return lines;
}

/** Markdown table cell text: one line, pipes escaped, no HTML. */
export function cell(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Every finding, for the job summary of a plain `check --format github` (the annotations show ten of each level). */
export function findingsSummary(findings: readonly Located[]): string {
  const lines = ['## Diligence findings', ''];
  if (findings.length === 0) return lines.concat('No findings.', '').join('\n');
  lines.push('| Where | Level | Code | Message |', '|---|---|---|---|');
  for (const f of findings) lines.push(`| ${cell(f.path)}:${f.diagnostic.range.start.line + 1} | ${annotationLevel(f.diagnostic)} | ${String(f.diagnostic.code)} | ${cell(messageText(f.diagnostic))} |`);
  return lines.join('\n') + '\n';
}
