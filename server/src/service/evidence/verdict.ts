/**
 * The Final Assessment's verdict held against the checkboxes: a verdict that the project satisfied
 * the criteria while Required criteria are unmet is a warning (`verdict-unmet`); a "not ready"
 * verdict whose conditions leave out unmet Required criteria gets `verdict-conditions`, with a
 * quick fix that writes the list of unmet Required criteria under it. A verdict still offering the
 * template's two choices is neither.
 */
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { Criterion, DiligenceModel, Span } from '../model/types';
import { inlineLinksToText } from '../text/trim';

const POSITIVE = /has found the project to have satisfied|(?:has|have) satisfied the criteria|meets? all (?:of )?(?:the )?required criteria|(?:is|are) ready (?:for|to move)|recommends? (?:moving|that the project (?:move|be moved))/i;
const NEGATIVE = /needed focus|outstanding blockers|re-?apply|not (?:yet )?ready|when the following conditions|has not (?:yet )?(?:satisfied|met|completed)|does not (?:yet )?meet/i;
const ITEM_RE = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/;

export interface Verdict {
  kind: 'satisfied' | 'not-ready';
  /** the section under the Final Assessment heading */
  section: Span;
  /** the verdict's text (the section less its lists) */
  text: Span;
  /** the list items under it (its conditions), one span per line */
  conditions: Array<{ span: Span; text: string }>;
}

export function finalAssessment(model: DiligenceModel): Verdict | undefined {
  const i = model.headings.findIndex((h) => /^final assessment\b/i.test(h.text.trim()));
  if (i < 0) return undefined;
  const h = model.headings[i]!;
  const next = model.headings.slice(i + 1).find((x) => x.span.start > h.span.end);
  const section: Span = { start: h.span.end, end: next ? next.span.start : model.text.length };
  const conditions: Verdict['conditions'] = [];
  const prose: string[] = [];
  let text: Span | undefined;
  const first = model.lines.positionAt(section.start).line + 1;
  const last = model.lines.positionAt(section.end).line;
  for (let l = first; l <= last && l < model.lines.lineCount; l++) {
    const start = model.lines.offsetAt({ line: l, character: 0 });
    if (start >= section.end) break;
    const line = model.lines.lineText(l);
    if (line.trim() === '') continue;
    const span = { start, end: model.lines.lineEnd(l) };
    if (ITEM_RE.test(line)) conditions.push({ span, text: line });
    else if (conditions.length === 0) {
      prose.push(line);
      text = text ? { start: text.start, end: span.end } : span;
    }
  }
  if (!text) return undefined;
  const said = prose.join(' ');
  const yes = POSITIVE.test(said);
  const no = NEGATIVE.test(said);
  if (yes === no) return undefined;
  return { kind: yes ? 'satisfied' : 'not-ready', section, text, conditions };
}

const squash = (s: string): string => inlineLinksToText(s).toLowerCase().replace(/[^a-z0-9]+/g, '');
const key = (c: Criterion): string => squash(c.title).slice(0, 40);

export function unmetRequired(model: DiligenceModel): Criterion[] {
  return model.criteria.filter((c) => c.level === 'required' && !c.checked && c.hasCheckbox);
}

const shortTitle = (c: Criterion): string => {
  const t = c.title.replace(/\s+/g, ' ').trim();
  return t.length > 70 ? `${t.slice(0, 69)}…` : t;
};

export function verdictFindings(model: DiligenceModel): Finding[] {
  const v = finalAssessment(model);
  if (!v) return [];
  const unmet = unmetRequired(model);
  if (v.kind === 'satisfied') {
    if (unmet.length === 0) return [];
    const names = unmet.slice(0, 3).map((c) => `"${shortTitle(c)}"`).join(', ');
    return [{ code: Code.verdictUnmet, span: v.text, message: `The Final Assessment says the criteria are satisfied, but ${unmet.length} Required criteri${unmet.length === 1 ? 'on is' : 'a are'} unmet: ${names}${unmet.length > 3 ? ', …' : ''}` }];
  }
  const listed = squash(v.conditions.map((c) => c.text).join(' '));
  const missing = unmet.filter((c) => !listed.includes(key(c)));
  if (missing.length === 0) return [];
  return [{ code: Code.verdictConditions, span: v.text, message: `The Final Assessment's conditions leave out ${missing.length} unmet Required criteri${missing.length === 1 ? 'on' : 'a'}: ${missing.slice(0, 3).map((c) => `"${shortTitle(c)}"`).join(', ')}${missing.length > 3 ? ', …' : ''}` }];
}

/** The list of unmet Required criteria, in place of the conditions listed (or after the verdict). */
export function conditionsEdit(model: DiligenceModel, v: Verdict): TextEdit {
  const eol = model.lines.eol;
  const list = unmetRequired(model).map((c) => `- ${c.title.replace(/\s+/g, ' ').trim()}${c.area >= 0 ? ` (${model.areas[c.area]!.name})` : ''}`).join(eol);
  if (v.conditions.length > 0) {
    return { range: model.lines.range({ start: v.conditions[0]!.span.start, end: v.conditions[v.conditions.length - 1]!.span.end }), newText: list };
  }
  return { range: model.lines.range({ start: v.text.end, end: v.text.end }), newText: eol + eol + list };
}

export function verdictActions(model: DiligenceModel, uri: string, findings: readonly Finding[], range: Span, diagnosticsOf: (f: Finding) => CodeAction['diagnostics'], only: string[] | undefined): CodeAction[] {
  if (only && only.length > 0 && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(o + '.'))) return [];
  const f = findings.find((x) => x.code === Code.verdictConditions && x.span.start <= range.end && range.start <= x.span.end);
  if (!f) return [];
  const v = finalAssessment(model);
  if (!v) return [];
  const n = unmetRequired(model).length;
  return [{ title: `Write the ${n} unmet Required criteri${n === 1 ? 'on' : 'a'} as the conditions`, kind: CodeActionKind.QuickFix, diagnostics: diagnosticsOf(f), isPreferred: true, edit: { changes: { [uri]: [conditionsEdit(model, v)] } } }];
}
