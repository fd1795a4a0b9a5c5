/**
 * A criterion indented under another by mistake becomes a sub-item. When a nested bold task
 * item is a criterion of the template the document is held to (else of the built-in profile its
 * title names) and the document has it nowhere else, say so, with a fix that outdents it.
 */
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { Criterion, DiligenceModel, SubItem } from '../model/types';
import { BUILTIN_PROFILES } from '../profiles/builtin';
import type { Profile } from '../profiles/types';
import { normaliseTemplateText } from '../template/reference';
import { truncate } from './placeholders';
import type { Rule } from './types';

/** The built-in profiles a document's title (else its level) points to. */
export function profilesForTitle(model: DiligenceModel): Profile[] {
  const title = model.title?.text ?? '';
  const byTitle = BUILTIN_PROFILES.filter((p) => p.detect.titlePatterns.some((re) => new RegExp(re, 'i').test(title)));
  if (byTitle.length > 0) return byTitle;
  return BUILTIN_PROFILES.filter((p) => model.level !== undefined && p.stage.toLowerCase() === model.level.toLowerCase());
}

export const criterionNestedRule: Rule = (model, ctx) => {
  const out: Finding[] = [];
  const present = new Set(model.criteria.map((c) => normaliseTemplateText(c.title)));
  let known: ((title: string) => boolean) | undefined;
  for (const c of model.criteria) {
    for (const s of c.subItems) {
      if (!s.title) continue;
      known ??= knownCriteria(model, ctx.template);
      const key = normaliseTemplateText(s.title);
      if (present.has(key) || !known(s.title)) continue;
      const fix = outdent(model, c, s);
      out.push({
        code: Code.criterionNested,
        span: fix?.span ?? s.span,
        message: `"${truncate(s.title, 70)}" is indented under "${truncate(c.title, 50)}", so it is read as a sub-item: the template has it as a criterion of its own, which this document has nowhere else`,
        data: { criterion: c.index, ...(fix ? { replacement: fix.text, replacementTitle: 'Outdent it into a criterion of its own' } : {}) },
      });
    }
  }
  return out;
};

function knownCriteria(model: DiligenceModel, template: { isTemplateText(t: string): boolean } | undefined): (title: string) => boolean {
  if (template) return (title) => template.isTemplateText(`- [ ] **${title}**`);
  const titles = new Set(profilesForTitle(model).flatMap((p) => p.areas.flatMap((a) => a.criteria.map((c) => normaliseTemplateText(c.title)))));
  return (title) => titles.has(normaliseTemplateText(title));
}

/**
 * The sub-item's lines with its indentation taken off: only when nothing indented follows it in
 * the criterion (which would then belong to it, and parse differently).
 */
function outdent(model: DiligenceModel, c: Criterion, s: SubItem): { span: { start: number; end: number }; text: string } | undefined {
  const text = model.text;
  const lineStart = text.lastIndexOf('\n', s.span.start - 1) + 1;
  const indent = s.span.start - lineStart;
  if (indent === 0 || !/^[ \t]*$/.test(text.slice(lineStart, s.span.start))) return undefined;
  const after = text.slice(s.span.end, c.span.end);
  if (after.split('\n').some((l) => /^[ \t]+\S/.test(l))) return undefined;
  const lines = text.slice(lineStart, s.span.end).split('\n');
  const outdented = lines.map((l) => {
    let i = 0;
    while (i < indent && i < l.length && (l[i] === ' ' || l[i] === '\t')) i++;
    return l.slice(i);
  });
  return { span: { start: lineStart, end: s.span.end }, text: outdented.join('\n') };
}
