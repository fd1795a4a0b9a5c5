/**
 * The linear-time scans that replaced backtracking expressions give exactly what the expressions
 * gave (differential properties on small strings, where the old expressions are still fast).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { htmlComments, matchTodoMarker, unparsedLinkTargets } from '../../server/src/service/model/scan';
import { atxHeading, stripEmphasis } from '../../server/src/service/links/slug';
import { withoutImages } from '../../server/src/service/evidence/detectors';
import { cutFrom, inlineLinksToText, mapLinkTargets, replaceLinkDestinations, trimEndChars, trimEndWhere, withoutLineComment } from '../../server/src/service/text/trim';
import { hasSecurityEmail } from '../../server/src/service/evidence/detectors';
import { keyValue } from '../../server/src/service/model/frontMatter';
import { FUZZ_SEED, recordRuns } from './settings';

const chars = (alphabet: string[], maxLength = 40): fc.Arbitrary<string> => fc.array(fc.constantFrom(...alphabet), { maxLength }).map((a) => a.join(''));

function oldTodo(s: string): [string, string, string] | null {
  const m = /^\s*(TODO|DONE)\s+for\s+(.+?)\s*(:?)\s*$/i.exec(s);
  return m ? [s, m[1]!, m[2]!] : null;
}
function effective(m: readonly string[] | null): [string, string] | null {
  const owner = (m?.[2] ?? '').replace(/\s+/g, ' ').trim();
  return m && owner ? [m[1]!.toUpperCase(), owner] : null;
}
function oldComments(raw: string): Array<{ start: number; end: number; body: string }> {
  const out = [];
  const re = /<!--([\s\S]*?)-->/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) out.push({ start: m.index, end: m.index + m[0].length, body: m[1] ?? '' });
  return out;
}
function oldUnparsed(raw: string): Array<{ start: number; target: string }> {
  const out = [];
  const re = /\[([^\]\n]*)\]\(([^)\n]*\s[^)\n]*)\)/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) out.push({ start: m.index + m[0].indexOf('](') + 2, target: m[2]! });
  return out;
}
function oldAtx(line: string): string | undefined {
  const m = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
  return m ? (m[1] ?? '') : undefined;
}
const oldEmphasis = (s: string): string => s.replace(/(\*\*|__|\*|_|~~|`)(?=\S)([\s\S]*?\S)\1/g, '$2');

describe('fuzz: linear scans equal the expressions they replace', () => {
  const params = (name: string) => ({ seed: FUZZ_SEED, numRuns: recordRuns(name, 2000) });

  it('TODO marker', () => {
    fc.assert(fc.property(
      fc.tuple(chars([' ', '\n', '\t', ' ', ':'], 4), fc.constantFrom('TODO', 'DONE', 'todo', 'TODOX'), chars([' ', '\n', '\u2028'], 3), fc.constantFrom('for', 'fo', 'For'), chars([' ', '\t', '\n', 'a', 'B', ':', '\r', ' '], 12)).map((p) => p.join('')),
      // what the model takes from it: the verb and the owner with its spaces collapsed, when there is one
      (s) => assert.deepEqual(effective(matchTodoMarker(s)), effective(oldTodo(s))),
    ), params('scan: TODO marker'));
  });

  it('HTML comments', () => {
    fc.assert(fc.property(chars(['<!--', '-->', '<', '!', '-', '>', 'a', '\n'], 20), (s) => assert.deepEqual(htmlComments(s), oldComments(s))), params('scan: HTML comments'));
  });

  it('unparsed link targets', () => {
    fc.assert(fc.property(chars(['[', ']', '(', ')', '](', ' ', '\n', 'a', '\t', '[a](b c)'], 30), (s) => assert.deepEqual(unparsedLinkTargets(s), oldUnparsed(s))), params('scan: unparsed links'));
  });

  it('ATX headings', () => {
    fc.assert(fc.property(chars([' ', '\t', '#', 'a', '\r', '##', '# '], 20), (s) => assert.equal(atxHeading(s), oldAtx(s))), params('scan: ATX headings'));
  });

  it('README images', () => {
    fc.assert(fc.property(chars(['!', '[', ']', '(', ')', 'a', ' ', '![', '](', '![a](b)'], 24), (s) => assert.equal(withoutImages(s), s.replace(/!\[[^\]]*\]\([^)]*\)/g, ''))), params('scan: README images'));
  });

  it('inline links to their text', () => {
    fc.assert(fc.property(chars(['!', '[', ']', '(', ')', 'a', ' ', '![', '](', '[a](b)', '!!'], 24), (s) => assert.equal(inlineLinksToText(s), s.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1'))), params('scan: inline links to text'));
  });

  it('end trims and cuts', () => {
    const s = chars(['/', '#', '?', 'a', '\n', '.git', ' ', ',', '(', '\u2028'], 16);
    fc.assert(fc.property(s, (x) => {
      assert.equal(trimEndChars(x, '/'), x.replace(/\/+$/, ''));
      assert.equal(trimEndChars(x, '/#?'), x.replace(/[/#?]+$/, ''));
      assert.equal(trimEndWhere(x, (ch) => /[\s,;:(]/.test(ch)), x.replace(/[\s,;:(]+$/, ''));
      assert.equal(cutFrom(x, '#'), x.replace(/#.*$/, ''));
      assert.equal(cutFrom(x, '?'), x.replace(/\?.*$/, ''));
      assert.equal(trimEndChars(x, '/').replace(/\.git$/, ''), x.replace(/(?:\.git)?\/*$/, ''));
    }), params('scan: end trims'));
  });

  it('link destinations and targets', () => {
    fc.assert(fc.property(chars(['](', ']', '(', ')', 'a', ' ', '\n', '#', 'x:', '//', '[a](b)'], 24), (s) => {
      assert.equal(replaceLinkDestinations(s, ' '), s.replace(/\]\([^)]*\)/g, ' '));
      const f = (m: string, t: string): string => `<${m}|${t}>`;
      assert.equal(mapLinkTargets(s, f), s.replace(/\]\(([^)\s]+)\)/g, (m, t: string) => f(m, t)));
    }), params('scan: link destinations'));
  });

  it('security e-mail address', () => {
    const old = (t: string): boolean => /[\w.+-]*security[\w.+-]*@[\w-]+\.[\w.-]+/i.test(t);
    fc.assert(fc.property(chars(['security', 'SECURITY', '@', '.', '-', 'a', ' ', '+', 'x.org', '@@', 'sec'], 16), (s) => assert.equal(hasSecurityEmail(s), old(s))), params('scan: security e-mail'));
  });

  it('front-matter lines', () => {
    const oldKv = (l: string): { key: string; value: string } | undefined => {
      const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*(?:#.*)?$/.exec(l);
      return m ? { key: m[1]!, value: m[2]! } : undefined;
    };
    fc.assert(fc.property(chars(['a', 'B_', '-', ':', ' ', '\t', '#', 'x', '\u00a0', '1'], 16), (s) => {
      assert.deepEqual(keyValue(s), oldKv(s));
      assert.equal(withoutLineComment(s), s.replace(/\s+#.*$/, ''));
    }), params('scan: front matter'));
  });

  it('emphasis', () => {
    fc.assert(fc.property(chars(['*', '_', '~', '`', ' ', 'a', '**', '__', '~~', '\n'], 24), (s) => assert.equal(stripEmphasis(s), oldEmphasis(s))), params('scan: emphasis'));
  });
});
