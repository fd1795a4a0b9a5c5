/**
 * The interview tracker: one row per interview file (organisation, state, the date of that state,
 * days since the request) with the two-week approval window as a hint once it has passed, the
 * count of interviews held, and its markdown for the report. Today comes from the caller (the
 * service's injected clock), as a UTC calendar day.
 */
import { publicName, wasHeld, type Interview, type InterviewState } from './file';

/** the TOC's minimum of adopter interviews (dd-toc-guide: "a minimum of three") */
export const MIN_INTERVIEWS = 3;
/** days the adopter is given to approve the summary */
export const APPROVAL_DAYS = 14;

export interface TrackerRow {
  fileName: string;
  uri: string;
  /** the organisation, or for an anonymous interview its industry (never the name) */
  organisation: string;
  anonymous: boolean;
  state: InterviewState;
  /** YYYY-MM-DD of the current state, when the file gives it */
  since: string | null;
  daysSinceRequest: number | null;
  /** the approval window passed: days past it */
  approvalOverdueDays: number | null;
  hint: string | null;
}

export interface InterviewTracker {
  rows: TrackerRow[];
  held: number;
  approved: number;
  needed: number;
}

const DAY_MS = 24 * 3600 * 1000;

export function daysBetween(fromIso: string, to: Date): number {
  const from = Date.parse(`${fromIso}T00:00:00Z`);
  const today = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  return Math.round((today - from) / DAY_MS);
}

function sinceOf(iv: Interview): string | undefined {
  switch (iv.state) {
    case 'approved': return iv.approved;
    case 'summary-drafted': return iv.summarySent;
    case 'held': return iv.held;
    case 'requested': return iv.requested;
  }
}

/** Days past the approval window (summary sent + 14 days), or undefined when it has not passed. */
export function approvalOverdue(iv: Interview, today: Date): number | undefined {
  if (iv.state !== 'summary-drafted' || !iv.summarySent) return undefined;
  const past = daysBetween(iv.summarySent, today) - APPROVAL_DAYS;
  return past > 0 ? past : undefined;
}

export function trackInterviews(interviews: readonly Interview[], today: Date): InterviewTracker {
  const rows = interviews.map((iv): TrackerRow => {
    const overdue = approvalOverdue(iv, today);
    return {
      fileName: iv.fileName,
      uri: iv.uri,
      organisation: iv.anonymous ? publicName(iv) : iv.organisation || iv.fileName,
      anonymous: iv.anonymous,
      state: iv.state,
      since: sinceOf(iv) ?? null,
      daysSinceRequest: iv.requested ? daysBetween(iv.requested, today) : null,
      approvalOverdueDays: overdue ?? null,
      hint: overdue !== undefined ? `the adopter's two-week approval window passed ${overdue} day${overdue === 1 ? '' : 's'} ago: follow up` : null,
    };
  });
  rows.sort((a, b) => a.fileName.localeCompare(b.fileName));
  return { rows, held: interviews.filter(wasHeld).length, approved: interviews.filter((i) => i.state === 'approved').length, needed: MIN_INTERVIEWS };
}

const cell = (s: string): string => s.replace(/\s+/g, ' ').replace(/([\\|`*_[\]<>])/g, '\\$1');

/** The report's section: a table of the interviews, the count held against the three needed. */
export function trackerToMarkdown(t: InterviewTracker): string {
  if (t.rows.length === 0) return '';
  const lines = [
    '', '## Adopter interviews', '',
    `${t.held} held of the ${t.needed} needed; ${t.approved} approved by the adopter.`, '',
    '| organisation | state | since | days since request | file |', '|---|---|---|---|---|',
  ];
  for (const r of t.rows) {
    const state = r.state.replace('-', ' ') + (r.hint ? ` (${r.hint})` : '');
    lines.push(`| ${cell(r.organisation)} | ${cell(state)} | ${r.since ?? ''} | ${r.daysSinceRequest ?? ''} | ${cell(r.fileName)} |`);
  }
  return lines.join('\n') + '\n';
}
