/**
 * What each template placeholder stands for, and the value a quick fix would put in its place
 * (from the document's title, the reviewer's name setting, and today's date).
 */
import type { DiligenceModel, Placeholder } from './model/types';

export interface PlaceholderContext {
  model: DiligenceModel;
  reviewerName: string;
  /** the reviewer's wall-clock now (text/localTime.ts wallTime): its UTC fields are the local date */
  today: Date;
}

export interface PlaceholderInfo {
  /** what it stands for */
  meaning: string;
  /** values a fill would insert (several for choices); empty when the tool cannot know it */
  values: string[];
  /** why there is no value, when there is none */
  hint?: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `d`'s UTC calendar fields; give it the reviewer's wall time (text/localTime.ts), not a raw instant. */
export function formatDate(kind: 'DD-MMM-YYYY' | 'YYYY-MM-DD' | 'MONTH YEAR', d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const month = MONTHS[d.getUTCMonth()]!;
  const yyyy = String(d.getUTCFullYear());
  if (kind === 'DD-MMM-YYYY') return `${dd}-${month.slice(0, 3)}-${yyyy}`;
  if (kind === 'YYYY-MM-DD') return `${yyyy}-${mm}-${dd}`;
  return `${month} ${yyyy}`;
}

const TOKENS: Record<string, { meaning: string; value?: (c: PlaceholderContext) => string | undefined; hint?: string }> = {
  TOCMEMBER: { meaning: 'the TOC member who conducted the due diligence', value: (c) => c.reviewerName || undefined, hint: 'set `diligence.reviewer.name` to fill it' },
  REVIEWER: { meaning: 'the reviewer who conducted the due diligence', value: (c) => c.reviewerName || undefined, hint: 'set `diligence.reviewer.name` to fill it' },
  TACMEMBER: { meaning: 'the TAC member who conducted the review', value: (c) => c.reviewerName || undefined, hint: 'set `diligence.reviewer.name` to fill it' },
  LEVEL: { meaning: 'the maturity level the project applied for', value: (c) => c.model.level, hint: 'the title names no level' },
  PROJECT: { meaning: 'the project under review', value: (c) => c.model.project, hint: 'the title names no project' },
  PROJECTNAME: { meaning: 'the project under review', value: (c) => c.model.project, hint: 'the title names no project' },
  PROJECT_NAME: { meaning: 'the project under review', value: (c) => c.model.project, hint: 'the title names no project' },
  DATE: { meaning: 'a date', value: (c) => formatDate('DD-MMM-YYYY', c.today) },
  NOTABLES: { meaning: 'the criteria implementations that are noteworthy' },
  BLOCKERS: { meaning: 'the actions that were blocking and have since been resolved' },
  RECOMMENDATIONS: { meaning: 'the non-blocking recommendations made to the project' },
  INTERVIEWSUMMARY: { meaning: 'a summary of the adopter interviews' },
  CONDITIONS: { meaning: 'the conditions the project must meet before it reapplies' },
  LINK: { meaning: 'a link to the evidence' },
  COMPANY: { meaning: 'the adopting organisation (or only its industry, if it stays anonymous)' },
  INDUSTRY: { meaning: "the adopter's industry vertical" },
  FINDING: { meaning: "the reviewer's finding for this criterion" },
  EVIDENCE: { meaning: 'a link to the evidence for this finding' },
};

export function describePlaceholder(p: Placeholder, c: PlaceholderContext): PlaceholderInfo {
  switch (p.kind) {
    case 'date':
      return { meaning: 'a date in the template\'s DD-MMM-YYYY format', values: [formatDate('DD-MMM-YYYY', c.today)] };
    case 'path-date':
      return { meaning: 'a date in YYYY-MM-DD format (often part of a file name)', values: [formatDate('YYYY-MM-DD', c.today)] };
    case 'month-year':
      return { meaning: 'the month and year', values: [formatDate('MONTH YEAR', c.today)] };
    case 'choice':
      return { meaning: 'a choice between alternatives: keep the one that applies', values: p.options ?? [] };
    case 'token': {
      const t = TOKENS[p.text.slice(1)];
      if (!t) return { meaning: 'a template placeholder', values: [], hint: 'replace it with the right text' };
      const v = t.value?.(c);
      return v ? { meaning: t.meaning, values: [v] } : { meaning: t.meaning, values: [], hint: t.hint ?? 'only the reviewer can fill it' };
    }
  }
}
