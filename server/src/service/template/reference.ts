/**
 * The template a document is held to, as a reference: its placeholder strings and its own text.
 * Read from the template at run time (nothing of a template is copied into Diligence): a
 * document's text that is the template's own is not the reviewer's evaluation, and in code
 * spans only the template's own placeholder strings are placeholders.
 */
import { inlineLinksToText } from '../text/trim';
import { memoShort } from '../text/memo';

export interface TemplateReference {
  /** placeholder strings that occur in the template's text ($PROJECT, DD-MMM-YYYY, <project>, …) */
  readonly placeholders: ReadonlySet<string>;
  /** true when this text (a paragraph or line, compared after whitespace/markup normalisation) is the template's own text */
  isTemplateText(text: string): boolean;
}

/** Texts shorter than this (normalised) are not matched: "Yes." is no template's own. */
const MIN_TEMPLATE_TEXT = 12;

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /(?<![A-Za-z0-9$\\])\$[A-Z][A-Z0-9_]{1,40}(?![A-Za-z0-9_])/g,
  /\bDD-MMM-YYYY\b/g,
  /\bYYYY-MM-DD\b/g,
  /\bMONTH YEAR\b/g,
  // `<project>`, `<project-name>`: lower-case words in angle brackets that no HTML element is called
  /<[a-z][a-z_-]{1,30}>/g,
];

const HTML_ELEMENTS = new Set(['br', 'p', 'b', 'i', 'em', 'strong', 'code', 'pre', 'div', 'span', 'sup', 'sub', 'details', 'summary', 'table', 'tr', 'td', 'th', 'thead', 'tbody', 'ul', 'ol', 'li', 'img', 'hr', 'kbd', 'a', 'u', 's', 'del', 'ins', 'small', 'center', 'blockquote', 'dl', 'dt', 'dd', 'picture', 'source', 'video', 'section', 'header', 'footer', 'nav', 'abbr', 'mark', 'q', 'cite']);

/**
 * A text compared with the template's: markdown markup, list markers, checkboxes, links' targets
 * and HTML comments' delimiters dropped, whitespace collapsed, case folded, trailing punctuation
 * dropped.
 */
export const normaliseTemplateText = memoShort(normaliseTemplateTextOnce);

function normaliseTemplateTextOnce(text: string): string {
  let s = inlineLinksToText(text)
    .replace(/<!--/g, ' ')
    .replace(/-->/g, ' ')
    .replace(/^[ \t>]*(?:[*+-]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, ' ')
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  while (s.length > 0 && '.:;,'.includes(s[s.length - 1]!)) s = s.slice(0, -1).trimEnd();
  return s;
}

/** The template's units of text: paragraphs, lines, what follows a bold title on its line, sentences. */
function units(markdown: string): string[] {
  const out: string[] = [];
  const text = markdown.replace(/\r\n?/g, '\n');
  for (const para of text.split(/\n[ \t]*\n/)) {
    out.push(para);
    for (const line of para.split('\n')) {
      out.push(line);
      // `- [ ] **Title.** instruction`: the instruction alone
      const close = /^[ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?\*\*/.exec(line);
      if (close) {
        const end = line.indexOf('**', close[0].length);
        if (end >= 0) out.push(line.slice(end + 2));
      }
    }
    // sentences of a paragraph (long enough to be the template's own)
    for (const sentence of para.replace(/\n/g, ' ').split(/(?<=[.!?])\s+(?=[A-Z(])/)) out.push(sentence);
  }
  return out;
}

export function templateReferenceFromText(templateMarkdown: string): TemplateReference {
  const placeholders = new Set<string>();
  for (const re of PLACEHOLDER_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(templateMarkdown); m; m = re.exec(templateMarkdown)) {
      if (m[0].startsWith('<') && HTML_ELEMENTS.has(m[0].slice(1, -1))) continue;
      placeholders.add(m[0]);
    }
  }
  const texts = new Set<string>();
  for (const u of units(templateMarkdown)) {
    const n = normaliseTemplateText(u);
    if (n.length >= MIN_TEMPLATE_TEXT) texts.add(n);
  }
  return {
    placeholders,
    isTemplateText(text: string): boolean {
      const n = normaliseTemplateText(text);
      return n.length >= MIN_TEMPLATE_TEXT && texts.has(n);
    },
  };
}
