/**
 * The interviews room of the service: the interview files of each document folder (the host lists
 * and reads them, bounded, and hands them in), the project's maintainers per folder (from whatever
 * source the host has), and what they give: the tracker (report), the lints of an interview file,
 * the `interviews-too-few` finding on the adoption criteria, and the draft of `$INTERVIEWSUMMARY`.
 */
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { Code } from '../codes';
import type { DiligenceConfig } from '../config';
import { toDiagnostics } from '../features/diagnostics';
import type { Finding } from '../findings';
import type { Clock } from '../host';
import type { DiligenceModel } from '../model/types';
import { LineIndex } from '../text/lineIndex';
import { looksLikeInterview, MAX_INTERVIEW_FILES, parseInterview, wasHeld, type Interview } from './file';
import { ADOPTION_CRITERION, interviewEvidence, interviewHoverSection, type InterviewEvidence } from './evidence';
import type { HoverSection } from '../features/hover';
import { interviewFindings } from './lint';
import type { Maintainer } from './maintainers';
import { interviewSummaryActions } from './summary';
import { MIN_INTERVIEWS, trackInterviews, type InterviewTracker } from './tracker';

export interface InterviewText {
  uri: string;
  text: string;
}

export interface InterviewFeature {
  /** the interview files of a folder (a file URI ending in `/`); true when they changed */
  setFiles(folder: string, files: readonly InterviewText[]): boolean;
  /** the project's maintainers, for the interviews of a folder */
  setMaintainers(folder: string, maintainers: readonly Maintainer[]): void;
  /** the interviews beside a document (undefined: the host never listed its folder) */
  of(docUri: string): readonly Interview[] | undefined;
  tracker(docUri: string): InterviewTracker | undefined;
  /** the interviews as evidence on the adoption criteria: three or more held, else undefined */
  evidence(docUri: string): InterviewEvidence | undefined;
  /** that evidence on the hover of an adoption criterion */
  hoverSection: HoverSection;
  isInterview(doc: { uri: string; getText(): string }): boolean;
  /** the lints of an interview file */
  diagnostics(doc: { uri: string; getText(): string }): Diagnostic[];
  /** `interviews-too-few` on the adoption criteria of a due diligence */
  documentFindings(docUri: string, model: DiligenceModel): Finding[];
  codeActions(docUri: string, model: DiligenceModel, range: Range, only?: readonly string[]): CodeAction[];
}

export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}


export function createInterviewFeature(deps: { clock: Clock; config: () => DiligenceConfig }): InterviewFeature {
  const files = new Map<string, { key: string; interviews: Interview[] }>();
  const maintainers = new Map<string, readonly Maintainer[]>();
  const of = (docUri: string): readonly Interview[] | undefined => files.get(folderOf(docUri))?.interviews;
  return {
    setFiles(folder, list) {
      const kept = list.filter((f) => looksLikeInterview(f.uri, f.text)).slice(0, MAX_INTERVIEW_FILES);
      const key = kept.map((f) => `${f.uri}\u0000${f.text.length}\u0000${f.text}`).join('\u0001');
      if (files.get(folder)?.key === key) return false;
      if (files.size >= 200 && !files.has(folder)) files.delete(files.keys().next().value!);
      files.set(folder, { key, interviews: kept.map((f) => parseInterview(f.uri, f.text)) });
      return true;
    },
    setMaintainers(folder, list) {
      if (maintainers.size >= 200 && !maintainers.has(folder)) maintainers.delete(maintainers.keys().next().value!);
      maintainers.set(folder, list);
    },
    of,
    tracker(docUri) {
      const ivs = of(docUri);
      return ivs && ivs.length > 0 ? trackInterviews(ivs, deps.clock.now()) : undefined;
    },
    evidence: (docUri) => interviewEvidence(of(docUri)),
    hoverSection: interviewHoverSection(of),
    isInterview: (doc) => looksLikeInterview(doc.uri, doc.getText()),
    diagnostics(doc) {
      const text = doc.getText();
      if (!looksLikeInterview(doc.uri, text)) return [];
      const iv = parseInterview(doc.uri, text);
      const found = interviewFindings(iv, text, maintainers.get(folderOf(doc.uri)) ?? [], deps.clock.now());
      return toDiagnostics({ lines: new LineIndex(text) }, found, deps.config());
    },
    documentFindings(docUri, model) {
      const ivs = of(docUri);
      if (!ivs || ivs.length === 0) return [];
      const held = ivs.filter(wasHeld);
      if (held.length >= MIN_INTERVIEWS) return [];
      const message = `${held.length} adopter interview${held.length === 1 ? '' : 's'} held of the ${MIN_INTERVIEWS} the TOC needs (${ivs.length} interview file${ivs.length === 1 ? '' : 's'} beside the document).`;
      return model.criteria.filter((c) => ADOPTION_CRITERION.test(c.title)).map((c) => ({ code: Code.interviewsTooFew, span: c.titleSpan, message, data: { criterion: c.index } }));
    },
    codeActions(docUri, model, range, only) {
      return interviewSummaryActions(model, docUri, range, of(docUri) ?? [], only);
    },
  };
}

export { looksLikeInterview, parseInterview, isInterviewName, MAX_INTERVIEW_FILES, MAX_INTERVIEW_SIZE, type Interview } from './file';
export { scaffoldInterview, interviewFileName, planInterview, type Scaffold, type ScaffoldInput, type PlannedInterview } from './scaffold';
export { interviewEvidence, withInterviewEvidence, type InterviewEvidence } from './evidence';
export { trackInterviews, trackerToMarkdown, type InterviewTracker, type TrackerRow } from './tracker';
export { maintainersFromText, type Maintainer } from './maintainers';
export { readTocTemplate, QUESTIONS_TEMPLATE, PUBLIC_COMMENT_TEMPLATE } from './tocTemplates';
export { DRAFT_INTERVIEW_SUMMARY_KIND, DRAFT_INTERVIEW_SUMMARY_TITLE, draftInterviewSummary } from './summary';
