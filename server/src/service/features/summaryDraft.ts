/**
 * "Draft evaluation summary": fills the summary's `$NOTABLES`, `$BLOCKERS` and
 * `$RECOMMENDATIONS` placeholders from the criteria — a draft the reviewer edits:
 *
 * - notables: the met Required criteria per area (facts, nothing judged);
 * - blockers: the unmet Required criteria, with the open TODOs on them;
 * - recommendations: the open TODOs on Suggested criteria.
 *
 * The placeholders sit inside one italic sentence, so each is replaced inline (no line breaks;
 * markdown characters escaped). Once they are filled, the action is no longer offered.
 */
import type { CodeAction, Range, TextEdit } from 'vscode-languageserver-types';
import type { Criterion, DiligenceModel, Placeholder, Todo } from '../model/types';
import { openTodos } from '../rules/criteria';
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

function todoText(t: Todo): string {
  return `TODO for ${t.owner}: ${shorten(plain(t.text).replace(/^\s*\d+\.\s*/, ''), 100) || 'open'}`;
}

function title(c: Criterion): string {
  return `"${shorten(plain(c.title).replace(/\.$/, ''), 100)}"`;
}

/** The drafted text for each slot (unescaped; the edit escapes it). */
export function draftSummaryText(model: DiligenceModel): Record<Slot, string> {
  const areas = model.areas.filter((a) => a.kind === 'checklist');
  const perArea = areas
    .map((a) => {
      const req = a.criteria.map((i) => model.criteria[i]!).filter((c) => c.level === 'required');
      return req.length ? `${a.name} ${req.filter((c) => c.checked).length}/${req.length}` : '';
    })
    .filter(Boolean);
  const required = model.criteria.filter((c) => c.level === 'required');
  const notables = required.length
    ? `${required.filter((c) => c.checked).length} of ${required.length} Required criteria are met (${perArea.join(', ')})`
    : 'no Required criteria are listed';

  const blockers = required
    .filter((c) => criterionState(c) === 'unmet')
    .map((c) => {
      const todos = openTodos(model, c);
      return todos.length ? `${title(c)} (${todos.map(todoText).join('; ')})` : title(c);
    });

  const recommendations = model.criteria
    .filter((c) => c.level === 'suggested')
    .flatMap((c) => openTodos(model, c).map((t) => `${title(c)}: ${todoText(t)}`));

  return {
    $NOTABLES: notables,
    $BLOCKERS: blockers.length ? blockers.join('; ') : 'none: every Required criterion is met',
    $RECOMMENDATIONS: recommendations.length ? recommendations.join('; ') : 'none',
  };
}

/** The summary placeholders still in the document (outside any criterion). */
export function summarySlots(model: DiligenceModel): Placeholder[] {
  return model.placeholders.filter((p) => p.kind === 'token' && p.criterion < 0 && (SLOTS as readonly string[]).includes(p.text));
}

/** The edits that fill the summary placeholders; empty when there is none left. */
export function draftSummaryEdits(model: DiligenceModel): TextEdit[] {
  const slots = summarySlots(model);
  if (slots.length === 0) return [];
  const text = draftSummaryText(model);
  return slots.map((p) => ({ range: model.lines.range(p.span), newText: escapeInline(text[p.text as Slot]) }));
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
