/**
 * "Draft evaluation summary": fills the summary's `$NOTABLES`, `$BLOCKERS` and
 * `$RECOMMENDATIONS` placeholders from the criteria — a draft the reviewer edits, saying only
 * what the document supports, each in the sense of its sentence:
 *
 * - notables ("criteria implementations that are noteworthy"): the tally of met Required criteria
 *   per area, and the met criteria that carry a written finding and cited evidence;
 * - blockers ("considered blocking but since resolved"): the Required criteria that are met and
 *   whose TODOs were marked DONE. While Required criteria are still unmet, that sentence would be
 *   false: it is rewritten to say which blocking items are still open;
 * - recommendations: the open TODOs on Suggested criteria.
 *
 * Only TODOs addressed to the project go into the text (its name, its team, its maintainers): a
 * TODO for a person is the reviewer's own note, not for the public. The placeholders sit inside
 * one italic sentence, so each is replaced inline (no line breaks; markdown characters escaped;
 * no end period, the template's own follows). Once they are filled, the action is not offered.
 */
import type { CodeAction, Range, TextEdit } from 'vscode-languageserver-types';
import type { Criterion, DiligenceModel, Placeholder, Todo } from '../model/types';
import { criterionState } from './report';
import { inlineLinksToText, trimEndChars, trimEndWhere } from '../text/trim';

export const DRAFT_SUMMARY_KIND = 'refactor.rewrite.draftSummary.diligence';
export const DRAFT_SUMMARY_TITLE = 'Draft evaluation summary';

const SLOTS = ['$NOTABLES', '$BLOCKERS', '$RECOMMENDATIONS'] as const;
type Slot = (typeof SLOTS)[number];

function escapeInline(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/([\\`*_[\]<>$])/g, '\\$1');
}

function shorten(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return trimEndWhere(space > max / 2 ? cut.slice(0, space) : cut, (ch) => /[\s,;:(]/.test(ch)) + '…';
}

/**
 * Markdown → plain words for an inline draft: links become their text, bare URLs their last
 * path segment (a URL cut by shortening would be a broken link), code spans their content.
 */
function plain(s: string): string {
  return inlineLinksToText(s)
    .replace(/<?(?:https?:\/\/|www\.)[^\s>)]+>?/g, (url) => {
      const parts = trimEndChars(url.replace(/[<>]/g, ''), '/#?').split('/');
      return parts[parts.length - 1] ?? '';
    })
    .replace(/`+/g, '')
    .replace(/\*\*|__/g, '');
}

/** A TODO addressed to the project (not a person's note): its name, or a team, its maintainers… */
function forTheProject(model: DiligenceModel, t: Todo): boolean {
  const project = model.project?.trim().toLowerCase();
  return (!!project && t.ownerKey.includes(project)) || /\b(?:team|maintainers?|project|community|contributors|owners)\b/i.test(t.owner);
}

function todoText(t: Todo, done = false): string {
  const text = trimEndWhere(shorten(plain(t.text).replace(/^\s*\d+\.\s*/, ''), 100), (ch) => ch === '.' || /\s/.test(ch));
  return `${done ? 'done' : 'TODO'} for ${t.owner}: ${text || (done ? 'done' : 'open')}`;
}

function title(c: Criterion): string {
  return `"${shorten(plain(c.title).replace(/\.$/, ''), 100)}"`;
}

function list(items: string[], max: number): string {
  return items.length > max ? `${items.slice(0, max).join('; ')}; and ${items.length - max} more` : items.join('; ');
}

export interface SummaryDraft {
  $NOTABLES: string;
  $BLOCKERS: string;
  $RECOMMENDATIONS: string;
  /** the unmet Required criteria: while there are any, the "since resolved" sentence is rewritten */
  open: string[];
  requiredTotal: number;
}

/** The drafted text for each slot (unescaped; the edit escapes it). */
export function draftSummaryText(model: DiligenceModel): SummaryDraft {
  const areas = model.areas.filter((a) => a.kind === 'checklist');
  const perArea = areas
    .map((a) => {
      const req = a.criteria.map((i) => model.criteria[i]!).filter((c) => c.level === 'required');
      return req.length ? `${a.name} ${req.filter((c) => c.checked).length}/${req.length}` : '';
    })
    .filter(Boolean);
  const required = model.criteria.filter((c) => c.level === 'required');
  const documented = model.criteria.filter((c) => c.checked && c.evaluation.trim() !== '' && c.evidence.length > 0).map(title);
  const notables = [
    required.length ? `${required.filter((c) => c.checked).length} of ${required.length} Required criteria are met (${perArea.join(', ')})` : 'no Required criteria are listed',
    ...(documented.length ? [`met with a written finding and cited evidence: ${list(documented, 5)}`] : []),
  ].join('; ');

  const projectTodos = (c: Criterion, resolved: boolean): Todo[] => c.todos.map((i) => model.todos[i]!).filter((t) => t.resolved === resolved && forTheProject(model, t));
  const resolved = required
    .filter((c) => c.checked)
    .flatMap((c) => {
      const done = projectTodos(c, true);
      return done.length ? [`${title(c)} (${done.map((t) => todoText(t, true)).join('; ')})`] : [];
    });
  const open = required
    .filter((c) => criterionState(c) === 'unmet')
    .map((c) => {
      const todos = projectTodos(c, false);
      return todos.length ? `${title(c)} (${todos.map((t) => todoText(t)).join('; ')})` : title(c);
    });

  const recommendations = model.criteria
    .filter((c) => c.level === 'suggested')
    .flatMap((c) => projectTodos(c, false).map((t) => `${title(c)}: ${todoText(t)}`));

  return {
    $NOTABLES: notables,
    $BLOCKERS: resolved.length ? resolved.join('; ') : 'none recorded in this document',
    $RECOMMENDATIONS: recommendations.length ? recommendations.join('; ') : 'none',
    open,
    requiredTotal: required.length,
  };
}

/** The summary placeholders still in the document (outside any criterion). */
export function summarySlots(model: DiligenceModel): Placeholder[] {
  return model.placeholders.filter((p) => p.kind === 'token' && p.criterion < 0 && (SLOTS as readonly string[]).includes(p.text));
}

/**
 * Where the sentence that ends in `$BLOCKERS` starts, when it is the template's "…considered
 * blocking but since resolved…" sentence (after the last sentence end on its line, or the `_`
 * that opens the italic paragraph).
 */
function resolvedSentenceStart(model: DiligenceModel, p: Placeholder): number | undefined {
  const lineStart = model.lines.lineStarts[model.lines.positionAt(p.span.start).line]!;
  const prefix = model.text.slice(lineStart, p.span.start);
  let start = /^\s*_?/.exec(prefix)![0].length;
  for (const m of prefix.matchAll(/[^.]\.\s+/g)) start = m.index + m[0].length;
  return /since resolved/i.test(prefix.slice(start)) ? lineStart + start : undefined;
}

/** The edits that fill the summary placeholders; empty when there is none left. */
export function draftSummaryEdits(model: DiligenceModel): TextEdit[] {
  const slots = summarySlots(model);
  if (slots.length === 0) return [];
  const text = draftSummaryText(model);
  return slots.map((p) => {
    const sentence = p.text === '$BLOCKERS' && text.open.length > 0 ? resolvedSentenceStart(model, p) : undefined;
    if (sentence === undefined) return { range: model.lines.range(p.span), newText: escapeInline(text[p.text as Slot]) };
    // not ready: "since resolved" would be false; say what is resolved and what is still open
    const rewritten = (text.$BLOCKERS === 'none recorded in this document' ? 'No blocking action is recorded as resolved yet' : `Blocking actions since resolved: ${text.$BLOCKERS}`)
      + `. Still open, ${text.open.length} of ${text.requiredTotal} Required criteria not met: ${text.open.join('; ')}`;
    return { range: model.lines.range({ start: sentence, end: p.span.end }), newText: escapeInline(rewritten) };
  });
}

/** The code action, when the range touches the summary section (or a summary placeholder). */
export function draftSummaryActions(model: DiligenceModel, uri: string, range: Range, only?: string[]): CodeAction[] {
  if (only && only.length > 0 && !only.some((o) => DRAFT_SUMMARY_KIND === o || DRAFT_SUMMARY_KIND.startsWith(o + '.'))) return [];
  const slots = summarySlots(model);
  if (slots.length === 0) return [];
  const span = model.lines.spanOf(range);
  const touches = (s: { start: number; end: number }): boolean => s.start <= span.end && span.start <= s.end;
  const inSummary = model.areas.some((a) => a.kind === 'summary' && touches(a.span)) || slots.some((p) => touches(p.span));
  if (!inSummary) return [];
  return [{ title: DRAFT_SUMMARY_TITLE, kind: DRAFT_SUMMARY_KIND, edit: { changes: { [uri]: draftSummaryEdits(model) } } }];
}
