/**
 * Where a suppression comment can be written so that nothing else in the document parses
 * differently. A comment line put between two lines of a paragraph splits it; at column 0 in a
 * list it ends the list; in a table it ends the table; on a heading's line it changes the
 * heading's text (and its anchor). So:
 *
 * - on most lines (paragraphs, list items, criteria and their sub-items, block quotes, table
 *   rows), `<!-- diligence-disable-line CODE -->` at the end of the line, inline: in a paragraph
 *   or a table cell an HTML comment is inline HTML, which changes no other node (written right
 *   after the text, so the text node is the same; a space first after `*`, `_` or `~`, whose
 *   emphasis must stay what it was); before trailing spaces (a hard break stays one) and before a table row's last `|` (a cell more in a
 *   header row would end the table);
 * - on an ATX heading or a link definition, a `<!-- diligence-disable-next-line CODE -->` line
 *   before it, with the same container prefix (`>`, indentation): an HTML comment line starts
 *   an HTML block, which interrupts a paragraph and closes containers exactly as the heading
 *   does, and ends on its own line;
 * - anywhere else (front matter, code, HTML, a link's destination or title across lines, a
 *   setext heading, a line ending in a backslash, a line that starts a list item with a heading or definition in
 *   it), no place: no fix is offered.
 *
 * test/service/suppressFix.test.ts parses documents before and after each edit and compares the
 * trees with the inserted comment taken out.
 */
import type { DiagnosticCode } from '../codes';
import { frontMatterEnd } from '../model/frontMatter';
import type { DiligenceModel, Span } from '../model/types';
import type { Directive } from './directives';

/** A text to insert at an offset (an insertion: nothing is replaced). */
export interface Insertion {
  at: number;
  text: string;
}

const LIST_MARKER = /^(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)/;
const EMPTY_ITEM = /^(?:(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$))*(?:\[[ xX]\](?:[ \t]+|$))?$/;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
/** a table's delimiter row or a setext underline (or any line of only these characters) */
const isDelimiterRow = (c: string): boolean => (/^[-|: \t]+$/.test(c) && c.includes('-')) || /^=+$/.test(c);
const FENCE = /^(?:```|~~~)/;
/** whether only container prefixes and list markers stand before a code block on its line */
const isBlockStart = (before: string): boolean => before.split(/[ \t>]+/).every((w) => w === '' || /^(?:[*+-]|\d{1,9}[.)])$/.test(w));

const strictlyInside = (s: Span, at: number): boolean => s.start < at && at < s.end;
const lineOf = (model: DiligenceModel, offset: number): number => model.lines.positionAt(offset).line;

/** `text` before the `-->` of a directive's comment (after the last code): adds codes to it. */
function extend(model: DiligenceModel, d: Directive, text: string): Insertion {
  let at = d.span.end - 3;
  while (at > d.span.start && /\s/.test(model.text[at - 1]!)) at--;
  return { at, text };
}

/** the comment for a finding of `code` on the line where it starts, or undefined where no place is safe */
export function ignoreOnLine(model: DiligenceModel, finding: Span, code: DiagnosticCode, directives: readonly Directive[]): Insertion | undefined {
  const line = lineOf(model, finding.start);
  // a directive already there for other codes takes this one too
  const existing = directives.find((d) => Array.isArray(d.codes) && ((d.action === 'disable-line' && d.line === line && d.endLine === line) || (d.action === 'disable-next-line' && d.endLine === line - 1)));
  if (existing) return extend(model, existing, ` ${code}`);
  const text = model.text;
  let start = model.lines.lineStarts[line];
  if (start === undefined) return undefined;
  if (start === 0 && text.charCodeAt(0) === 0xfeff) start = 1;
  // front matter is YAML: a comment there would be part of a value
  if (start < frontMatterEnd(text)) return undefined;
  const end = model.lines.lineEnd(line);
  const lineText = text.slice(start, end);
  const prefix = /^[ \t>]*/.exec(lineText)![0];
  const content = lineText.slice(prefix.length).trimEnd();
  if (content === '' || THEMATIC_BREAK.test(content) || isDelimiterRow(content) || FENCE.test(content) || EMPTY_ITEM.test(content)) return undefined;

  // a line before moves what the finding is about down a line, unless it is about no text at all
  // (an empty span at the start of a document without a title): then it would stay on the comment's line
  const before = (): Insertion | undefined => (LIST_MARKER.test(content) || finding.end === finding.start ? undefined : { at: start, text: `${prefix}<!-- diligence-disable-next-line ${code} -->${model.lines.eol}` });
  const heading = model.headings.find((h) => lineOf(model, h.span.start) <= line && line <= lineOf(model, Math.max(h.span.start, h.span.end - 1)));
  if (heading) return lineOf(model, heading.span.start) === line && content.startsWith('#') ? before() : undefined;
  const definition = model.links.find((l) => l.syntax === 'definition' && lineOf(model, l.span.start) <= line && line <= lineOf(model, Math.max(l.span.start, l.span.end - 1)));
  if (definition) return lineOf(model, definition.span.start) === line ? before() : undefined;

  // inline, at the end of the content (before trailing blanks), or before a last `|`
  let at = start + prefix.length + content.length;
  if (text[at - 1] === '\\') return undefined;
  // a last `|` (not `\\|`: the comment would follow the backslash, which would escape its `<`)
  const pipe = text[at - 1] === '|' && text[at - 2] !== '\\';
  if (pipe) at--;
  for (const s of model.codeSpans) {
    if (strictlyInside(s, at) || (s.end === at && isBlockStart(text.slice(model.lines.lineStarts[lineOf(model, s.start)]!, s.start)))) return undefined;
  }
  if (model.htmlSpans.some((s) => strictlyInside(s, at))) return undefined;
  for (const l of model.links) {
    if (!strictlyInside(l.span, at)) continue;
    // in the link's text the comment is inline HTML like any other; in its destination or title, text
    if ((l.urlSpan && at >= l.urlSpan.start) || l.syntax !== 'inline' || text.slice(l.span.start, at).includes('](')) return undefined;
  }
  // right after the text, so the text around it is the same text node; after an emphasis
  // delimiter, a space first (`**x**<!--` could make the `**` an opener)
  const comment = `<!-- diligence-disable-line ${code} -->`;
  const space = /[ \t*_~]/.test(text[at - 1] ?? '') && !/[ \t]/.test(text[at - 1] ?? '') ? ' ' : '';
  return { at, text: pipe ? `${space}${comment} ` : `${space}${comment}` };
}

/** `<!-- diligence-disable-file CODE -->` as the document's first line (after its front matter), or added to one there is */
export function ignoreInDocument(model: DiligenceModel, code: DiagnosticCode, directives: readonly Directive[]): Insertion {
  const existing = directives.find((d) => d.action === 'disable-file' && Array.isArray(d.codes));
  if (existing) return extend(model, existing, ` ${code}`);
  const text = model.text;
  let at = frontMatterEnd(text);
  if (at === 0 && text.charCodeAt(0) === 0xfeff) at = 1;
  const eol = model.lines.eol;
  // front matter whose closing line ends the text without a line break
  const lead = at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\uFEFF' ? eol : '';
  return { at, text: `${lead}<!-- diligence-disable-file ${code} -->${eol}` };
}
