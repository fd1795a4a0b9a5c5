import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { autolinkTransformGuarded, parseWhole } from '../../server/src/service/model/parse';
import { EXAMPLE, HAVE_SHARED, SEED, SHARED } from '../support/docs';
import { anyText, markdownDoc, VOCABULARY } from './arbitraries';

/** remark-parse + remark-gfm as they come: the literal-autolink transform on every tree. */
const plain = unified().use(remarkParse).use(remarkGfm);

/** Our parse without its position filling (parseWhole fills the positions the transform leaves out). */
function sameTree(text: string): void {
  const ours = parseWhole(text);
  const theirs = plain.parse(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
  // the positions the transform leaves out are filled by parseWhole: compare with them removed
  const strip = (n: unknown): unknown => JSON.parse(JSON.stringify(n, (k, v: unknown) => (k === 'position' ? undefined : v)));
  assert.deepEqual(strip(ours), strip(theirs));
}

/** Pieces that may and may not become literal autolinks. */
const AUTOLINKISH = [
  'https://example.org/a', 'http://x.y', 'HTTPS://X.Y/Z', 'www.example.com', 'WWW.Example.com/a?b', 'www', 'www.', 'http:/', 'https:', 'ahttp://x.y', 'Xhttps://x.y', 'apphttps://github.com/a', '1www.x.org', '_www.x.org', 'é.https://x.y', '-http://x.y',
  'a@b.co', 'first.last+tag@sub.example.org', '@alice', 'x @ y', 'a@b', 'a@b.', 'a@-b.c', 'mailto:a@b.co', 'MAILTO:a@b.co', 'xmpp:a@b.co/res', 'xmpp:',
  '(https://x.org)', '*www.x.org*', '~~a@b.co~~', '`https://code.org`', '[https://in.link](https://t.org)', '[a@b.co][r]', '[www.x.org][nope]', '[_www.x.org][nope]', '[see https://y.z][nope]', '[mailto:a@b.co][n]', '[xmpp:a@b.co/r][n]', '[', '[r]: https://r.org\n',
  '<https://angle.org>', '<a@b.co>', ' ', '\n', '\n\n', '- ', '> ', '| a | b |\n|---|---|\n| ', ' |\n', '**', '_', '.', ',', ')', '(', '/', '-', '+',
];
const autolinkDoc = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...AUTOLINKISH) }, { weight: 2, arbitrary: fc.constantFrom(...VOCABULARY) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }), { maxLength: 40 }).map((p) => p.join(''));

describe('parser: remark-gfm\'s literal-autolink transform is skipped only where it changes nothing (issue 21)', () => {
  it('the guard is in place (a new remark-gfm that moved the transform would make it silently slower)', () => {
    assert.equal(autolinkTransformGuarded(), true);
  });

  it('gives the tree of remark-parse + remark-gfm as they come, on text made to have and not have literal autolinks', () => {
    fc.assert(fc.property(fc.oneof(autolinkDoc, markdownDoc, anyText), sameTree), { numRuns: 1500, seed: 20261202 });
  });

  it('on the example document, and on the seed and every due-diligence template when ../shared is there', function () {
    sameTree(readFileSync(EXAMPLE, 'utf8'));
    if (!HAVE_SHARED) {
      console.log('      (../shared not found: the seed and the templates were skipped)');
      return;
    }
    sameTree(readFileSync(SEED, 'utf8'));
    const dir = join(SHARED, 'reference', 'cncf-toc');
    const templates = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.md'));
    assert.ok(templates.length > 5);
    for (const f of templates) sameTree(readFileSync(join(dir, f), 'utf8'));
  });
});
