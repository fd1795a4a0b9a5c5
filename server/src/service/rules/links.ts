import { Code } from '../codes';
import type { MalformedReason } from '../model/types';
import { truncate } from './placeholders';
import type { Rule } from './types';

const MESSAGES: Record<MalformedReason, (url: string) => string> = {
  'no-scheme': (u) => `Link target "${truncate(u, 80)}" has no scheme: it is resolved as a relative path, not as the web address it looks like`,
  'glued': (u) => `URL "${truncate(u, 80)}" is glued to the word before it, so it is not a link`,
  'empty': () => 'Link has an empty target',
  'spaces': (u) => `Link target "${truncate(u, 80)}" contains spaces`,
  'scheme-slashes': (u) => `Link target "${truncate(u, 80)}" has no "//" after "https:": browsers read it as a relative path`,
  'empty-segment': (u) => `Link target "${truncate(u, 80)}" has an empty path segment where the repository belongs`,
  'invisible': (u) => `Link target "${truncate(visible(u), 80)}" contains an invisible character: the link leads nowhere`,
  'github-no-ref': (u) => `GitHub link "${truncate(u, 80)}" points into a path with no blob/<ref> or tree/<ref>: GitHub answers 404`,
  'autolink-no-scheme': (u) => `<${truncate(u, 80)}> has no scheme, so it is not a link: it is shown as text`,
  'no-target': (u) => `[${truncate(u, 60)}] has no target and no definition: it is shown as plain text, not a link`,
  'backtick': (u) => `A backtick in the link text swallows the link to "${truncate(u, 80)}": it is shown as code, not a link`,
  'fork': (u) => `Link "${truncate(u, 80)}" points into a personal fork's branch, not the repository that holds the document`,
};

/** the invisible characters shown as their code points */
function visible(u: string): string {
  return u.replace(/[\u200B-\u200F\u2060\uFEFF]/gu, (ch) => `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

export const malformedLinkRule: Rule = (model) =>
  model.malformedLinks.map((m) => ({
    code: Code.linkMalformed,
    span: m.span,
    message: MESSAGES[m.reason](m.url),
    ...(m.criterion >= 0 || m.replacement !== undefined ? {
      data: {
        ...(m.criterion >= 0 ? { criterion: m.criterion } : {}),
        ...(m.replacement !== undefined ? { replacement: m.replacement, replacementTitle: `Replace with ${truncate(m.replacement, 80)}` } : {}),
      },
    } : {}),
  }));
