import { Code } from '../codes';
import type { Finding } from '../findings';
import { DOCUMENTED_TOKENS } from '../model/placeholders';
import type { Span } from '../model/types';
import type { Rule } from './types';

export const placeholderRule: Rule = (model, ctx) => {
  const out: Finding[] = model.placeholders.map((p) => ({
    code: Code.placeholder,
    span: p.span,
    message: p.kind === 'choice'
      ? `Template choice ${truncate(p.text, 60)} is still in the text: keep the option that applies`
      : `Template placeholder ${p.text} is still in the text`,
    ...(p.criterion >= 0 ? { data: { criterion: p.criterion } } : {}),
  }));
  const template = ctx.template?.placeholders;
  if (template) {
    for (const p of model.otherTokens) {
      if (template.has(p.text)) out.push({ code: Code.placeholder, span: p.span, message: `Template placeholder ${p.text} is still in the text`, ...(p.criterion >= 0 ? { data: { criterion: p.criterion } } : {}) });
    }
  }
  for (const s of codePlaceholders(model.text, model.codeSpans, template ?? CODE_PATTERNS)) {
    out.push({ code: Code.placeholder, span: s.span, message: `Template placeholder ${s.text} is still in the text (in code)` });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
};

/** In code without a template: the documented tokens and the templates' dates. */
const CODE_PATTERNS: ReadonlySet<string> = new Set([...DOCUMENTED_TOKENS, 'DD-MMM-YYYY', 'YYYY-MM-DD', 'MONTH YEAR']);

/** Occurrences of the given strings in code, a `$TOKEN` only as a whole word. */
function codePlaceholders(text: string, spans: readonly Span[], strings: ReadonlySet<string>): Array<{ text: string; span: Span }> {
  const out: Array<{ text: string; span: Span }> = [];
  for (const cs of spans) {
    const code = text.slice(cs.start, cs.end);
    if (!/[$<]|YYYY|MONTH/.test(code)) continue;
    for (const s of strings) {
      for (let at = code.indexOf(s); at >= 0; at = code.indexOf(s, at + s.length)) {
        const next = code[at + s.length];
        if (s.startsWith('$') && next !== undefined && /\w/.test(next)) continue;
        out.push({ text: s, span: { start: cs.start + at, end: cs.start + at + s.length } });
      }
    }
  }
  return out;
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
