/**
 * Template placeholders: `$UPPERCASE` tokens, `DD-MMM-YYYY`, `YYYY-MM-DD` (usually in paths),
 * `MONTH YEAR`, and bracketed choices such as `[has/has not]`. Found in the text outside code
 * and HTML comments; choices also outside links.
 */
import type { Placeholder, PlaceholderKind, Span } from './types';

/**
 * The `$TOKEN`s the due-diligence templates use: others (`$HOME`, `$KUBECONFIG`) are shell
 * variables in prose, placeholders only in a document held to a template that has them.
 */
export const DOCUMENTED_TOKENS: ReadonlySet<string> = new Set(('TOCMEMBER REVIEWER TACMEMBER LEVEL STAGE PROJECT PROJECTNAME PROJECT_NAME DATE NOTABLES BLOCKERS ' +
  'RECOMMENDATIONS INTERVIEWSUMMARY CONDITIONS LINK URL COMPANY INDUSTRY FINDING EVIDENCE NAME EMAIL LIST SLACK APPLICATIONLEVEL FROMLEVEL TOLEVEL ' +
  'TOCSPONSOR TOCSPONSORS SIGNATUREBLOCK SCHEDULINGLINK ADOPTERORG').split(' ').map((t) => `$${t}`));

interface Overlaps {
  overlaps(s: Span): boolean;
}

const PATTERNS: Array<{ kind: PlaceholderKind; re: RegExp }> = [
  { kind: 'token', re: /(?<![A-Za-z0-9$\\])\$[A-Z][A-Z0-9_]{1,40}(?![A-Za-z0-9_])/g },
  { kind: 'date', re: /\bDD-MMM-YYYY\b/g },
  { kind: 'path-date', re: /\bYYYY-MM-DD\b/g },
  { kind: 'month-year', re: /\bMONTH YEAR\b/g },
];

/** Short two-way choices that have no space but are still choices (not `[yes/no]`: forms answered beside it). */
const WORD_CHOICES = new Set(['is/is not', 'has/has not', 'does/does not', 'met/not met', 'pass/fail', 'true/false']);

const CHOICE = /(?<![!\\\]])\[([^[\]\n]{1,400})\](?![([:])/g;

/**
 * The placeholders of `text`, or of its part `[from, to)` (whole lines: a placeholder never spans
 * a line, so a chunk's placeholders are found in the chunk alone).
 */
export function findPlaceholders(text: string, codeAndHtml: Overlaps, links: Overlaps, from = 0, to = text.length): Omit<Placeholder, 'criterion'>[] {
  const out: Omit<Placeholder, 'criterion'>[] = [];
  // Searched in the part only, with one character either side for the look-arounds and `\b`:
  // a search of the whole text from `from` ran on to the next match or the end of the document,
  // once per chunk (quadratic on a document of thousands of chunks).
  const base = from > 0 ? from - 1 : 0;
  const part = base === 0 && to === text.length ? text : text.slice(base, Math.min(text.length, to + 1));
  const start = from - base;
  const end = to - base;
  const has = (probe: string): boolean => {
    const at = part.indexOf(probe, start);
    return at >= 0 && at < end;
  };
  for (const { kind, re } of PATTERNS) {
    const probe = kind === 'token' ? '$' : kind === 'date' ? 'DD-MMM' : kind === 'path-date' ? 'YYYY-MM' : 'MONTH YEAR';
    if (!has(probe)) continue;
    re.lastIndex = start;
    for (let m = re.exec(part); m && m.index < end; m = re.exec(part)) {
      const span = { start: base + m.index, end: base + m.index + m[0].length };
      if (!codeAndHtml.overlaps(span)) out.push({ kind, text: m[0], span });
    }
  }
  if (has('/')) {
    CHOICE.lastIndex = start;
    for (let m = CHOICE.exec(part); m && m.index < end; m = CHOICE.exec(part)) {
      const inner = m[1]!;
      if (!inner.includes('/') || inner.includes('://')) continue;
      const options = inner.split('/').map((o) => o.trim());
      if (options.some((o) => o === '')) continue;
      const isChoice = options.some((o) => /\s/.test(o)) || WORD_CHOICES.has(options.join('/').toLowerCase());
      if (!isChoice) continue;
      const span = { start: base + m.index, end: base + m.index + m[0].length };
      if (codeAndHtml.overlaps(span) || links.overlaps(span)) continue;
      out.push({ kind: 'choice', text: m[0], span, options });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
