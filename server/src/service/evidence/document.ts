/**
 * Discovered evidence in the document: `evidence-available` on a criterion whose profile
 * criterion's detectors found evidence it does not cite, the hover lines, and the quick fix that
 * inserts a bullet with the pinned link and the one-line finding (replacing the template comment
 * when it is still there). Once inserted the link is cited, so the fix is not offered again.
 */
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { Criterion, DiligenceModel, Span } from '../model/types';
import type { DetectorId, EvidenceItem, ProfileMatch } from '../profiles/types';
import { headSpan } from '../rules/criteria';
import { truncate } from '../rules/placeholders';
import { DETECTOR_LABEL } from './detectors';
import { cutFrom, trimEndChars } from '../text/trim';
import { datedFact } from './dated';

/**
 * A URL reduced to what it designates: GitHub blob/tree/raw links without their ref (branch, tag
 * or commit), no scheme, `www.`, fragment, query, trailing slash; lower case.
 */
export function normalizeEvidenceUrl(url: string): string {
  let u = trimEndChars(cutFrom(cutFrom(url.trim(), '#'), '?').replace(/^https?:\/\//i, '').replace(/^www\./i, ''), '/').toLowerCase();
  u = u.replace(/^github\.com\/([^/]+)\/([^/]+)\/(?:blob|tree|raw)\/[^/]+\//, 'github.com/$1/$2/');
  u = u.replace(/^raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\/[^/]+\//, 'github.com/$1/$2/');
  u = u.replace(/^bestpractices\.coreinfrastructure\.org\//, 'bestpractices.dev/').replace(/^(bestpractices\.dev\/)[a-z]{2}(?:-[a-z]{2})?\/projects\//, '$1projects/');
  return u;
}

/** The detectors whose findings serve this criterion, by its profile criterion. */
export function detectorsFor(match: ProfileMatch | undefined, c: Criterion): DetectorId[] {
  return match?.criteria[c.index]?.evidence ?? [];
}

/** Found items (with a link) for the criterion, in detector order then repository order. */
export function foundFor(match: ProfileMatch | undefined, c: Criterion, items: readonly EvidenceItem[]): EvidenceItem[] {
  const detectors = detectorsFor(match, c);
  return detectors.flatMap((d) => items.filter((i) => i.detector === d && i.found && i.url));
}

function citedUrls(model: DiligenceModel, c: Criterion): Set<string> {
  return new Set(model.links.filter((l) => l.criterion === c.index && !l.inTitle && l.url).map((l) => normalizeEvidenceUrl(l.url)));
}

/** Found evidence the criterion does not cite yet. */
export function uncited(model: DiligenceModel, match: ProfileMatch | undefined, c: Criterion, items: readonly EvidenceItem[]): EvidenceItem[] {
  const cited = citedUrls(model, c);
  const seen = new Set<string>();
  return foundFor(match, c, items).filter((i) => {
    const key = normalizeEvidenceUrl(i.url!);
    if (cited.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function evidenceFindings(model: DiligenceModel, match: ProfileMatch | undefined, items: readonly EvidenceItem[]): Finding[] {
  if (!match || items.length === 0) return [];
  const out: Finding[] = [];
  for (const c of model.criteria) {
    const missing = uncited(model, match, c, items);
    if (missing.length === 0) continue;
    const first = missing[0]!;
    const more = missing.length > 1 ? ` (and ${missing.length - 1} more)` : '';
    out.push({
      code: Code.evidenceAvailable,
      span: headSpan(c),
      message: `Evidence found for "${truncate(c.title, 60)}" that it does not cite: ${first.summary} in ${first.repo}${more}`,
      data: { criterion: c.index },
    });
  }
  return out;
}

/** Hover lines for a criterion: what its detectors found (✓) or did not (✗) per repository. */
export function evidenceHoverLines(model: DiligenceModel, match: ProfileMatch | undefined, c: Criterion, items: readonly EvidenceItem[], note: string | undefined): string[] {
  const detectors = detectorsFor(match, c);
  if (detectors.length === 0) return [];
  const lines = ['', `**Evidence in the project's repositories** (${detectors.map((d) => DETECTOR_LABEL[d]).join(', ')})`, ''];
  const relevant = detectors.flatMap((d) => items.filter((i) => i.detector === d));
  if (relevant.length === 0) {
    lines.push(`- ${note ?? 'not discovered yet'}`);
    return lines;
  }
  const cited = citedUrls(model, c);
  for (const i of relevant) {
    const link = i.url ? ` — [link](${i.url})` : '';
    const citedMark = i.url && cited.has(normalizeEvidenceUrl(i.url)) ? ' (cited)' : '';
    lines.push(`- ${i.found ? '✓' : '✗'} ${i.repo}: ${escapeMd(i.summary)}${link}${citedMark}`);
  }
  if (note) lines.push(`- ${note}`);
  return lines;
}

function escapeMd(s: string): string {
  return s.replace(/([[\]<>*`\\])/g, '\\$1');
}

/** The bullet the quick fix inserts for one item: dated and marked (dated.ts). */
export function evidenceBullet(i: EvidenceItem, asOf: Date): string {
  return `- ${datedFact(i, asOf)}`;
}

function indentOf(model: DiligenceModel, offset: number): string {
  const pos = model.lines.positionAt(offset);
  return /^[ \t]*/.exec(model.lines.lineText(pos.line))![0];
}

/**
 * Edits inserting bullets for the items under the criterion: in place of the template comment
 * (`<!-- (TOC Evaluation goes here) -->`) when it is still there, else after the criterion's body.
 */
export function insertEvidenceEdits(model: DiligenceModel, c: Criterion, items: readonly EvidenceItem[], asOf: Date): TextEdit[] {
  const withUrl = items.filter((i) => i.url);
  if (withUrl.length === 0) return [];
  const eol = model.lines.eol;
  const comment = c.comments.map((i) => model.comments[i]!).find((cm) => cm.kind === 'evaluation');
  if (comment) {
    const ownIndent = indentOf(model, comment.span.start);
    // a comment at the margin (outside the list item) is replaced inside the item
    const indent = ownIndent.length >= c.contentIndent ? ownIndent : ' '.repeat(c.contentIndent);
    const line = model.lines.positionAt(comment.span.start).line;
    const lineEnd = model.lines.lineEnd(line);
    const after = model.text.slice(comment.span.end, lineEnd);
    // the rest of the comment's line is blank: replace it from the margin to its end
    const span: Span = /^\s*$/.test(after) ? { start: comment.span.start - ownIndent.length, end: lineEnd } : comment.span;
    const nextLine = line + 1 < model.lines.lineCount ? model.lines.lineText(line + 1) : '';
    const body = withUrl.map((i) => indent + evidenceBullet(i, asOf)).join(eol);
    // a paragraph right below would otherwise be swallowed by the last bullet
    const tail = /^\s*$/.test(after) && nextLine.trim() !== '' ? eol : '';
    // text follows the comment on its line: it becomes its own paragraph below the bullets
    const text = span === comment.span ? body.slice(indent.length) + eol + eol + indent : body + tail;
    return [{ range: model.lines.range(span), newText: text }];
  }
  const indent = ' '.repeat(c.contentIndent);
  const end = c.span.end;
  const lastLine = model.lines.positionAt(end).line;
  const at = model.lines.lineEnd(lastLine);
  return [{ range: model.lines.range({ start: at, end: at }), newText: eol + eol + withUrl.map((i) => indent + evidenceBullet(i, asOf)).join(eol) }];
}

export function evidenceCodeActions(
  model: DiligenceModel,
  uri: string,
  findings: readonly Finding[],
  range: Span,
  match: ProfileMatch | undefined,
  items: readonly EvidenceItem[],
  diagnosticsOf: (f: Finding) => CodeAction['diagnostics'],
  only: string[] | undefined,
  asOf: Date,
): CodeAction[] {
  if (!match || items.length === 0) return [];
  if (only && only.length > 0 && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(o + '.'))) return [];
  const out: CodeAction[] = [];
  const done = new Set<number>();
  for (const f of findings) {
    if (f.code !== Code.evidenceAvailable && f.code !== Code.checkedWithoutEvidence) continue;
    if (!(f.span.start <= range.end && range.start <= f.span.end)) continue;
    const c = f.data?.criterion !== undefined ? model.criteria[f.data.criterion] : undefined;
    if (!c || done.has(c.index)) continue;
    done.add(c.index);
    const missing = uncited(model, match, c, items);
    missing.forEach((i, n) => {
      out.push({
        title: `Insert evidence: ${truncate(i.summary, 70)} (${i.repo})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnosticsOf(f),
        ...(n === 0 ? { isPreferred: true } : {}),
        edit: { changes: { [uri]: insertEvidenceEdits(model, c, [i], asOf) } },
      });
    });
    if (missing.length > 1) {
      out.push({ title: `Insert all evidence found (${missing.length})`, kind: CodeActionKind.QuickFix, diagnostics: diagnosticsOf(f), edit: { changes: { [uri]: insertEvidenceEdits(model, c, missing, asOf) } } });
    }
  }
  return out;
}
