/**
 * "Draft interview summary": fills the evaluation summary's `$INTERVIEWSUMMARY` from the interviews
 * the adopters approved — per question, what each adopter answered (its first sentence), each
 * linking to its interview file. Only approved interviews are used; an anonymous one is named by
 * its industry, never its organisation. The placeholder sits inside one italic sentence, so the
 * draft is inline: no line breaks, markdown characters escaped, no end period (the template's own
 * follows).
 */
import type { CodeAction, Range } from 'vscode-languageserver-types';
import type { DiligenceModel } from '../model/types';
import { inlineLinksToText, trimEndChars } from '../text/trim';
import { publicName, withoutComments, type Interview } from './file';

export const DRAFT_INTERVIEW_SUMMARY_KIND = 'refactor.rewrite.draftInterviewSummary.diligence';
export const DRAFT_INTERVIEW_SUMMARY_TITLE = 'Draft interview summary from the approved interviews';
const SLOT = '$INTERVIEWSUMMARY';

function escapeInline(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/([\\`*_[\]<>$|~#])/g, '\\$1');
}

function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return trimEndChars(space > max / 2 ? cut.slice(0, space) : cut, ' \t\n,;:(') + '…';
}

/** The answer's first sentence, as plain words (links to their text, no comments or markup). */
function firstSentence(answer: string): string {
  const plain = inlineLinksToText(withoutComments(answer)).replace(/[`*_>#]+/g, ' ').replace(/^[ \t]*[-+][ \t]/gm, ' ').replace(/\s+/g, ' ').trim();
  const end = /[.!?](?=\s|$)/.exec(plain);
  return shorten((end ? plain.slice(0, end.index) : plain).trim(), 200);
}

/** A relative link to a file beside the document. */
function linkTo(fileName: string): string {
  return encodeURI(fileName).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
}

/** The draft: a theme per question of the main section, each adopter's answer linking to its file. */
export function draftInterviewSummary(interviews: readonly Interview[]): string | undefined {
  const approved = interviews.filter((i) => i.state === 'approved').sort((a, b) => a.fileName.localeCompare(b.fileName));
  const themes = new Map<number, { question: string; parts: string[] }>();
  for (const iv of approved) {
    const main = iv.questions[0]?.section;
    for (const q of iv.questions) {
      if (q.section !== main || q.answer === '') continue;
      const said = firstSentence(q.answer);
      if (!said) continue;
      let t = themes.get(q.number);
      if (!t) themes.set(q.number, (t = { question: q.text, parts: [] }));
      t.parts.push(`[${escapeInline(publicName(iv))}](${linkTo(iv.fileName)}) said "${escapeInline(said)}"`);
    }
  }
  if (themes.size === 0) return undefined;
  return [...themes.entries()].sort(([a], [b]) => a - b).map(([, t]) => `Asked "${escapeInline(shorten(inlineLinksToText(t.question), 120))}": ${t.parts.join('; ')}`).join('. ');
}

/** The code action on `$INTERVIEWSUMMARY` (where the range touches it), when approved interviews answer something. */
export function interviewSummaryActions(model: DiligenceModel, uri: string, range: Range, interviews: readonly Interview[], only?: readonly string[]): CodeAction[] {
  if (only && !only.some((k) => DRAFT_INTERVIEW_SUMMARY_KIND.startsWith(k))) return [];
  const slot = model.placeholders.find((p) => p.text === SLOT);
  if (!slot) return [];
  const at = model.lines.range(slot.span);
  const touches = !(range.end.line < at.start.line || range.start.line > at.end.line);
  if (!touches) return [];
  const text = draftInterviewSummary(interviews);
  if (!text) return [];
  return [{ title: DRAFT_INTERVIEW_SUMMARY_TITLE, kind: DRAFT_INTERVIEW_SUMMARY_KIND, edit: { changes: { [uri]: [{ range: at, newText: text }] } } }];
}
