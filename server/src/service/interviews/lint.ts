/**
 * Lints of one interview file: an anonymous interview that names its organisation (in the text or
 * the file name), an interviewee who is one of the project's maintainers, the questions left
 * unanswered once the interview was held, and the adopter's approval window once it has passed.
 */
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { Span } from '../text/span';
import { wasHeld, type Interview } from './file';
import { maintainerMatch, type Maintainer } from './maintainers';
import { slug } from './scaffold';
import { approvalOverdue } from './tracker';

const MAX_NAMED = 20;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the organisation's name appears in the text after the front matter (whole words, any case). */
function mentions(text: string, from: number, organisation: string): Span[] {
  const words = organisation.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  if (organisation.trim().length < 2) return [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'giu');
  re.lastIndex = from;
  const out: Span[] = [];
  for (let m = re.exec(text); m && out.length < MAX_NAMED; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const lineOf = (iv: Interview, key: string): Span => iv.fields.get(key)?.span ?? { start: 0, end: 0 };

function anonymity(iv: Interview, text: string): Finding[] {
  if (!iv.anonymous || !iv.organisation) return [];
  const out: Finding[] = mentions(text, iv.bodyStart, iv.organisation).map((span) => ({
    code: Code.interviewNamesOrganisation, span,
    message: `This interview is anonymous, but its text names the organisation (${iv.organisation}): write its industry instead.`,
  }));
  const orgSlug = slug(iv.organisation);
  if (orgSlug.length >= 2 && `-${slug(iv.fileName.replace(/\.(?:md|markdown)$/i, ''))}-`.includes(`-${orgSlug}-`)) {
    out.push({ code: Code.interviewNamesOrganisation, span: lineOf(iv, 'anonymous'), message: `This interview is anonymous, but its file name (${iv.fileName}) names the organisation: rename it (e.g. …-anonymous-1.md).` });
  }
  return out;
}

function maintainersInterviewed(iv: Interview, maintainers: readonly Maintainer[]): Finding[] {
  if (maintainers.length === 0) return [];
  return iv.interviewees.flatMap((who) => {
    const m = maintainerMatch(who, maintainers);
    if (!m) return [];
    const as = m.handle ? `@${m.handle}` : m.name;
    return [{
      code: Code.interviewMaintainer, span: lineOf(iv, 'interviewees'),
      message: `${who} is one of the project's maintainers (${as}): ask for a colleague who uses the project operationally as well (DD guide, interview participant composition).`,
    }];
  });
}

function unanswered(iv: Interview): Finding[] {
  if (!wasHeld(iv)) return [];
  return iv.questions.filter((q) => q.answer === '').map((q) => ({
    code: Code.interviewUnanswered, span: q.span,
    message: `Question ${q.number}${q.section ? ` (${q.section})` : ''} has no answer yet.`,
  }));
}

export function interviewFindings(iv: Interview, text: string, maintainers: readonly Maintainer[], today: Date): Finding[] {
  const out = [...anonymity(iv, text), ...maintainersInterviewed(iv, maintainers), ...unanswered(iv)];
  const overdue = approvalOverdue(iv, today);
  if (overdue !== undefined) {
    out.push({ code: Code.interviewApprovalOverdue, span: lineOf(iv, 'state'), message: `The summary went to the adopter on ${iv.summarySent}; the two-week approval window passed ${overdue} day${overdue === 1 ? '' : 's'} ago: follow up.` });
  }
  return out;
}
