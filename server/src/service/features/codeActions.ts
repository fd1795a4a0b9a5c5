/**
 * Quick fixes tied to findings, a "Fill all placeholders" source action, and check/uncheck on
 * the criterion under the cursor. Every edit replaces exactly the text it was computed from;
 * once applied, the finding that offered it is gone, so the same fix is not offered again.
 */
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver-types';
import { Code } from '../codes';
import type { DiligenceConfig } from '../config';
import type { Finding } from '../findings';
import type { Criterion, DiligenceModel, Placeholder, Span, Todo } from '../model/types';
import { describePlaceholder, formatDate, type PlaceholderContext } from '../placeholderValues';
import { criterionHeadAt } from './locate';
import { toDiagnostics } from './diagnostics';

export const FILL_ALL_KIND = `${CodeActionKind.Source}.fillPlaceholders.diligence`;
export const ADD_CHECKBOXES_KIND = `${CodeActionKind.Source}.addCheckboxes.diligence`;

export interface CodeActionRequest {
  uri: string;
  range: Range;
  /** CodeActionContext.only */
  only?: string[];
}

function edit(model: DiligenceModel, span: Span, newText: string): TextEdit {
  return { range: model.lines.range(span), newText };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export function codeActions(model: DiligenceModel, findings: readonly Finding[], req: CodeActionRequest, ctx: PlaceholderContext, config: DiligenceConfig): CodeAction[] {
  const range = model.lines.spanOf(req.range);
  const out: CodeAction[] = [];
  const action = (title: string, kind: string, edits: TextEdit[], finding?: Finding, preferred = false): void => {
    if (edits.length === 0 || !wants(req.only, kind)) return;
    out.push({
      title,
      kind,
      ...(finding ? { diagnostics: toDiagnostics(model, [finding], config) } : {}),
      ...(preferred ? { isPreferred: true } : {}),
      edit: { changes: { [req.uri]: edits } },
    });
  };
  const qf = CodeActionKind.QuickFix;
  let needsReviewer: Finding | undefined;

  for (const f of findings) {
    if (!overlaps(f.span, range)) continue;
    const criterion = f.data?.criterion !== undefined ? model.criteria[f.data.criterion] : undefined;
    const todo = f.data?.todo !== undefined ? model.todos[f.data.todo] : undefined;
    switch (f.code) {
      case Code.placeholder: {
        const p = model.placeholders.find((x) => x.span.start === f.span.start && x.span.end === f.span.end);
        if (!p) break;
        const info = describePlaceholder(p, ctx);
        if (info.values.length === 0 && !ctx.reviewerName && REVIEWER_PLACEHOLDERS.has(p.text)) needsReviewer = f;
        for (const v of info.values) {
          const title = p.kind === 'choice' ? `Keep "${v}"` : `Fill ${p.text} with "${v}"`;
          // today on an event date is a guess: offered, never the preferred fix
          const guess = isDatePlaceholder(p) && !isOwnDateField(model, p);
          action(title, qf, [edit(model, p.span, v)], f, info.values.length === 1 && !guess);
        }
        break;
      }
      case Code.todo:
        if (todo) action(`Mark TODO for ${todo.owner} resolved`, qf, resolveTodo(model, todo), f);
        break;
      case Code.evaluationMissing:
        if (criterion) action(skeletonTitle(model, criterion), qf, findingSkeleton(model, criterion, ctx), f, true);
        break;
      case Code.checkedWithoutEvidence:
        if (criterion) action('Uncheck criterion (no evidence yet)', qf, [edit(model, criterion.checkbox, '[ ]')], f);
        break;
      case Code.checkedWithOpenTodo:
        if (criterion) {
          action('Uncheck criterion (a TODO is still open)', qf, [edit(model, criterion.checkbox, '[ ]')], f);
          for (const i of criterion.todos) {
            const t = model.todos[i]!;
            if (!t.resolved) action(`Mark TODO for ${t.owner} resolved`, qf, resolveTodo(model, t), f);
          }
        }
        break;
      case Code.requiredUnmet:
        if (criterion) action('Mark criterion as met', qf, [edit(model, criterion.checkbox, '[x]')], f);
        break;
      case Code.linkMalformed:
        malformedFix(model, f, action);
        break;
      default:
        break;
    }
    if (f.data?.replacement !== undefined) {
      action(f.data.replacementTitle ?? `Replace with ${f.data.replacement}`, qf, [edit(model, f.span, f.data.replacement)], f, true);
    }
  }

  if (needsReviewer && wants(req.only, qf)) setReviewerNameFirst(out, toDiagnostics(model, [needsReviewer], config));

  // check / uncheck the criterion under the cursor, unless a quick fix above already does
  const under = criterionHeadAt(model, range.start);
  const head = under?.hasCheckbox ? under : undefined;
  const toggled = head ? (head.checked ? '[ ]' : '[x]') : '';
  if (head && !out.some((a) => a.edit?.changes?.[req.uri]?.some((e) => e.newText === toggled))) {
    action(head.checked ? 'Uncheck criterion' : 'Check criterion', CodeActionKind.RefactorRewrite, [edit(model, head.checkbox, toggled)]);
  }

  // `- **Title.**` → `- [ ] **Title.**`: asked for by kind only, like "Fill all placeholders"
  const boxless = model.criteria.filter((c) => !c.hasCheckbox);
  if (boxless.length > 0 && req.only?.some((o) => ADD_CHECKBOXES_KIND === o || ADD_CHECKBOXES_KIND.startsWith(o + '.'))) {
    action(`Add checkboxes to ${boxless.length} criteri${boxless.length === 1 ? 'on' : 'a'} written without one`, ADD_CHECKBOXES_KIND, boxless.map((c) => edit(model, { start: c.titleSpan.start, end: c.titleSpan.start }, '[ ] ')));
  }

  const fillAll = fillAllPlan(model, ctx);
  if (fillAll.edits.length > 0 && req.only?.some((o) => FILL_ALL_KIND === o || FILL_ALL_KIND.startsWith(o + '.'))) {
    action(fillAllTitle(fillAll.edits.length, fillAll.leftDates), FILL_ALL_KIND, fillAll.edits);
  }
  return out;
}

/**
 * A date the document gives itself (`Date: DD-MMM-YYYY`, `Last updated: …`, a `date:` field):
 * today is a fair value. Every other date in the template is an event's (a TAG presentation, a
 * review, an adopter interview): only the reviewer knows it.
 */
export function isOwnDateField(model: DiligenceModel, p: Placeholder): boolean {
  const lineStart = model.lines.lineStarts[model.lines.positionAt(p.span.start).line]!;
  const before = model.text.slice(lineStart, p.span.start);
  return /^[\s>]*(?:[-*+]\s+)?(?:\*\*|__|_|\*)?(?:date|last updated|updated on|as of)(?:\*\*|__|_|\*)?\s*:(?:\*\*|__)?\s*$/i.test(before);
}

export function isDatePlaceholder(p: Placeholder): boolean {
  return p.kind === 'date' || p.kind === 'path-date' || p.kind === 'month-year' || (p.kind === 'token' && p.text === '$DATE');
}

/**
 * Every placeholder that has exactly one value, except event dates (choices and unknown tokens
 * are left alone too); `left` counts the event dates it did not stamp with today.
 */
export function fillAllPlan(model: DiligenceModel, ctx: PlaceholderContext): { edits: TextEdit[]; leftDates: number } {
  const edits: TextEdit[] = [];
  let leftDates = 0;
  let lastEnd = -1;
  for (const p of model.placeholders) {
    if (p.kind === 'choice') continue;
    if (isDatePlaceholder(p) && !isOwnDateField(model, p)) {
      leftDates++;
      continue;
    }
    const info = describePlaceholder(p, ctx);
    if (info.values.length !== 1 || p.span.start < lastEnd) continue;
    edits.push(edit(model, p.span, info.values[0]!));
    lastEnd = p.span.end;
  }
  return { edits, leftDates };
}

export function fillAllEdits(model: DiligenceModel, ctx: PlaceholderContext): TextEdit[] {
  return fillAllPlan(model, ctx).edits;
}

export function fillAllTitle(count: number, leftDates: number): string {
  return `Fill all placeholders (${count}${leftDates ? `; leaves ${leftDates} event date${leftDates === 1 ? '' : 's'} for you to give` : ''})`;
}

function resolveTodo(model: DiligenceModel, t: Todo): TextEdit[] {
  const raw = model.text.slice(t.marker.start, t.marker.end);
  const i = raw.search(/TODO/i);
  if (i < 0 || t.resolved) return [];
  return [edit(model, { start: t.marker.start + i, end: t.marker.start + i + 4 }, 'DONE')];
}

function lineIndentBefore(model: DiligenceModel, offset: number): string | undefined {
  const pos = model.lines.positionAt(offset);
  const before = model.lines.lineText(pos.line).slice(0, pos.character);
  return /^\s*$/.test(before) ? before : undefined;
}

function skeletonTitle(model: DiligenceModel, c: Criterion): string {
  return c.comments.some((i) => model.comments[i]!.kind === 'evaluation') ? 'Replace the template comment with a finding skeleton' : 'Insert a finding skeleton';
}

/** The column a line's content starts at (tabs to the next multiple of 4), or undefined for a blank line. */
function indentColumn(line: string): number | undefined {
  let col = 0;
  for (const ch of line) {
    if (ch === ' ') col++;
    else if (ch === '\t') col += 4 - (col % 4);
    else return ch === '\r' || ch === '\n' ? undefined : col;
  }
  return undefined;
}

/**
 * The skeleton must not change how the text after it parses: the line after it starts a new
 * paragraph (a blank line between, or it would become a lazy continuation of the `- Evidence:`
 * bullet: a TODO there stops being a TODO), and when the next content is indented as deep as the
 * bullet's own content it would become part of that bullet, so the evidence line is then no bullet.
 */
function findingSkeleton(model: DiligenceModel, c: Criterion, ctx: PlaceholderContext): TextEdit[] {
  if (c.evaluation) return [];
  const eol = model.lines.eol;
  const who = [ctx.reviewerName, formatDate('DD-MMM-YYYY', ctx.today)].filter(Boolean).join(', ');
  const comment = c.comments.map((i) => model.comments[i]!).find((cm) => cm.kind === 'evaluation');
  const indent = (comment ? lineIndentBefore(model, comment.span.start) : undefined) ?? ' '.repeat(c.contentIndent);
  // what is replaced: the comment and the blanks after it on its line (trailing spaces would make a
  // hard line break), or nothing at the end of the title's line
  let span: Span;
  if (comment) {
    const line = model.lines.positionAt(comment.span.end).line;
    const rest = model.text.slice(comment.span.end, model.lines.lineEnd(line));
    span = { start: comment.span.start, end: comment.span.end + (/^[ \t]*$/.test(rest) ? rest.length : 0) };
  } else {
    const titleLine = model.lines.positionAt(c.titleSpan.end).line;
    // a line right under the title, indented less than the criterion's content, is a lazy
    // continuation of the title: anything inserted between them would push it out of the item
    const after = titleLine + 1 < model.lines.lineCount ? indentColumn(model.lines.lineText(titleLine + 1)) : undefined;
    if (after !== undefined && after < indent.length) return [];
    const at = model.lines.lineEnd(titleLine);
    span = { start: at, end: at };
  }
  const line = model.lines.positionAt(span.end).line;
  const restOfLine = model.text.slice(span.end, model.lines.lineEnd(line));
  let next = line + 1;
  while (next < model.lines.lineCount && indentColumn(model.lines.lineText(next)) === undefined) next++;
  const nextIndent = next < model.lines.lineCount ? indentColumn(model.lines.lineText(next)) : undefined;
  const bullet = nextIndent !== undefined && nextIndent >= indent.length + 2 ? '' : '- ';
  const skeleton = `**Evaluation** (${who}): $FINDING${eol}${indent}${bullet}Evidence: $EVIDENCE`;
  let newText = comment ? skeleton : `${eol}${eol}${indent}${skeleton}`;
  // text after the comment on its line, or a line right after: a blank line first
  if (restOfLine.length > 0) newText += `${eol}${eol}${indent}`;
  else if (line + 1 < model.lines.lineCount && indentColumn(model.lines.lineText(line + 1)) !== undefined) newText += eol;
  return [edit(model, span, newText)];
}

type Add = (title: string, kind: string, edits: TextEdit[], finding?: Finding, preferred?: boolean) => void;

function malformedFix(model: DiligenceModel, f: Finding, add: Add): void {
  const m = model.malformedLinks.find((x) => x.span.start === f.span.start && x.span.end === f.span.end);
  if (!m) return;
  const raw = model.text.slice(m.span.start, m.span.end);
  switch (m.reason) {
    case 'no-scheme':
      add(`Add https:// (https://${raw.length > 40 ? raw.slice(0, 39) + '…' : raw})`, CodeActionKind.QuickFix, [edit(model, { start: m.span.start, end: m.span.start }, 'https://')], f, true);
      break;
    case 'glued':
      add('Put a space before the URL', CodeActionKind.QuickFix, [edit(model, { start: m.span.start, end: m.span.start }, ' ')], f, true);
      break;
    case 'spaces':
      add('Encode the spaces in the link target (%20)', CodeActionKind.QuickFix, [edit(model, m.span, raw.trim().replace(/\s+/g, '%20'))], f, true);
      break;
    case 'empty':
      break;
  }
}

/** the placeholders diligence.reviewer.name fills */
const REVIEWER_PLACEHOLDERS = new Set(['$TOCMEMBER', '$REVIEWER', '$TACMEMBER']);
export const SET_REVIEWER_NAME_COMMAND = 'diligence.setReviewerName';
const SET_REVIEWER_NAME_TITLE = 'Set your reviewer name…';

/** No reviewer name to fill a reviewer placeholder with: setting it is the fix, first and the only preferred one. */
function setReviewerNameFirst(out: CodeAction[], diagnostics: CodeAction['diagnostics']): void {
  for (const a of out) delete a.isPreferred;
  out.unshift({
    title: SET_REVIEWER_NAME_TITLE,
    kind: CodeActionKind.QuickFix,
    ...(diagnostics ? { diagnostics } : {}),
    isPreferred: true,
    command: { title: SET_REVIEWER_NAME_TITLE, command: SET_REVIEWER_NAME_COMMAND },
  });
}
