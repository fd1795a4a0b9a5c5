/**
 * The interviews as evidence on the adoption criteria ("TOC verification of adopters", "used … by
 * at least 3 independent … adopters"): once three or more were held, the hover on those criteria
 * and the report's "evidence found" name the interview files (their names beside the document,
 * never a path) with each one's state. It says only what the files say: an interview held is not
 * one the adopter approved, and the count of approved ones is given apart. Under three held, the
 * `interviews-too-few` finding says it instead (index.ts).
 */
import type { HoverSection } from '../features/hover';
import { criterionHeadAt } from '../features/locate';
import type { CriterionReport, FoundEvidence } from '../features/report';
import { wasHeld, type Interview, type InterviewState } from './file';
import { MIN_INTERVIEWS } from './tracker';

/** "TOC verification of adopters" and "used … by at least 3 independent … adopters" */
export const ADOPTION_CRITERION = /verification\s+of\s+adopters|at\s+least\s+(?:3|three)\s+independent/i;

/** the detector name the report's "evidence found" gives the interviews */
export const INTERVIEWS_EVIDENCE = 'adopter-interviews' as const;

const STATE_TEXT: Record<InterviewState, string> = {
  'requested': 'requested, not held yet',
  'held': 'held, summary not sent',
  'summary-drafted': 'held, summary awaiting the adopter\'s approval',
  'approved': 'held, summary approved by the adopter',
};

export interface InterviewEvidence {
  held: number;
  approved: number;
  needed: number;
  /** every interview file beside the document, by name, with its state */
  files: Array<{ fileName: string; state: InterviewState; text: string }>;
}

/** The evidence of the interviews beside a document; undefined under three held. */
export function interviewEvidence(interviews: readonly Interview[] | undefined): InterviewEvidence | undefined {
  if (!interviews) return undefined;
  const held = interviews.filter(wasHeld).length;
  if (held < MIN_INTERVIEWS) return undefined;
  const files = [...interviews]
    .sort((a, b) => a.fileName.localeCompare(b.fileName))
    .map((iv) => ({ fileName: iv.fileName, state: iv.state, text: STATE_TEXT[iv.state] }));
  return { held, approved: interviews.filter((i) => i.state === 'approved').length, needed: MIN_INTERVIEWS, files };
}

const escapeMd = (s: string): string => s.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');

/** One sentence: the counts, then each file and its state. */
export function evidenceSummary(e: InterviewEvidence): string {
  return `${e.held} adopter interviews held (the TOC needs ${e.needed}), ${e.approved} of them approved by the adopter: ${e.files.map((f) => `${f.fileName} (${f.text})`).join('; ')}`;
}

/** The hover section on the head of an adoption criterion. */
export function interviewHoverSection(of: (uri: string) => readonly Interview[] | undefined): HoverSection {
  return ({ target, model, offset, uri }) => {
    if (target.kind !== 'criterion') return [];
    const c = criterionHeadAt(model, offset);
    if (!c || !ADOPTION_CRITERION.test(c.title)) return [];
    const e = interviewEvidence(of(uri));
    if (!e) return [];
    return [
      '', `**Adopter interviews beside the document**: ${e.held} held (the TOC needs ${e.needed}), ${e.approved} approved by the adopter`, '',
      ...e.files.map((f) => `- ${escapeMd(f.fileName)}: ${f.text}`),
    ];
  };
}

/** The report's rows with the interviews added to the "evidence found" of the adoption criteria. */
export function withInterviewEvidence(rows: readonly CriterionReport[], e: InterviewEvidence | undefined): CriterionReport[] {
  if (!e) return [...rows];
  const found: FoundEvidence = { detector: INTERVIEWS_EVIDENCE, repo: 'interview files beside the document', summary: evidenceSummary(e) };
  return rows.map((r) => (ADOPTION_CRITERION.test(r.title) ? { ...r, evidenceFound: [...(r.evidenceFound ?? []), found] } : r));
}
