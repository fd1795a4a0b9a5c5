import { Code } from '../codes';
import type { MalformedReason } from '../model/types';
import { truncate } from './placeholders';
import type { Rule } from './types';

const MESSAGES: Record<MalformedReason, (url: string) => string> = {
  'no-scheme': (u) => `Link target "${truncate(u, 80)}" has no scheme: it is resolved as a relative path, not as the web address it looks like`,
  'glued': (u) => `URL "${truncate(u, 80)}" is glued to the word before it, so it is not a link`,
  'empty': () => 'Link has an empty target',
  'spaces': (u) => `Link target "${truncate(u, 80)}" contains spaces`,
};

export const malformedLinkRule: Rule = (model) =>
  model.malformedLinks.map((m) => ({
    code: Code.linkMalformed,
    span: m.span,
    message: MESSAGES[m.reason](m.url),
    ...(m.criterion >= 0 ? { data: { criterion: m.criterion } } : {}),
  }));
