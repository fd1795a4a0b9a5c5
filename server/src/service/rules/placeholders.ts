import { Code } from '../codes';
import type { Rule } from './types';

export const placeholderRule: Rule = (model) =>
  model.placeholders.map((p) => ({
    code: Code.placeholder,
    span: p.span,
    message: p.kind === 'choice'
      ? `Template choice ${truncate(p.text, 60)} is still in the text: keep the option that applies`
      : `Template placeholder ${p.text} is still in the text`,
    ...(p.criterion >= 0 ? { data: { criterion: p.criterion } } : {}),
  }));

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
