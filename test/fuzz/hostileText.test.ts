/**
 * Regression tests for the expressions that backtracked catastrophically (found by regex.test.ts):
 * each input took seconds to hours before the fix; mocha's timeout is the bound.
 */
import assert from 'node:assert/strict';
import { analyseText } from '../../server/src/service/model/index';
import { markdownAnchors } from '../../server/src/service/links/slug';
import { parseGitHubUrl } from '../../server/src/service/links/githubUrl';

const N = 100_000;

describe('fuzz: hostile lines found by the expression check', function () {
  this.timeout(20_000);

  it('a bold TODO followed by a long run of spaces (was cubic: 30 s for 4 KB)', () => {
    const m = analyseText(`# D\n\n**TODO for Acme${' '.repeat(N)}x**: do it\n\n**TODO for Bob :** ok\n`);
    assert.deepEqual(m.todos.map((t) => t.owner), ['Acme x', 'Bob']);
  });

  it('many unclosed HTML comments in one block', () => {
    const m = analyseText('# D\n\n' + '<!--'.repeat(N / 4) + '\n');
    assert.equal(m.comments.length, 0);
  });

  it('a title with a long run of spaces before "due diligence"', () => {
    assert.equal(analyseText(`# Acme${' \t'.repeat(N / 2)}x\n`).project, undefined);
    assert.equal(analyseText('# Acme Mesh   Due Diligence\n').project, 'Acme Mesh');
  });

  it('a long line of unclosed link brackets, and a link target with spaces and no `)`', () => {
    // (100,000 brackets in one paragraph are over the parser's inline limit: refused, model/limits.ts)
    assert.throws(() => analyseText('# D\n\n' + '['.repeat(N) + '\n'), /more than 8,000 emphasis marks, brackets and backticks/);
    const m = analyseText('# D\n\n' + '['.repeat(7_000) + '\n\n[a](' + 'b '.repeat(N / 2) + '\n\n[ok](x y)\n');
    assert.deepEqual(m.malformedLinks.map((l) => l.url), ['x y']);
  });

  it('a criterion followed by many blank lines (evaluation text)', () => {
    const m = analyseText('# D\n\n- [ ] **A**\n' + '\n'.repeat(N) + '  - x\n');
    assert.equal(m.criteria.length, 1);
  });

  it('a GitHub URL ending in many slashes', () => {
    const link = parseGitHubUrl('https://github.com/a/b/' + '/'.repeat(N) + 'x');
    assert.ok(link === undefined || typeof link.key === 'string');
    assert.equal(parseGitHubUrl('https://github.com/a/b///')?.key, 'https://github.com/a/b');
  });

  it('fetched markdown: a 100 KB heading of unclosed links, tags, emphasis and spaces', () => {
    const line = '# ' + '[a]('.repeat(N / 16) + '<a'.repeat(N / 8) + ' *a'.repeat(N / 12) + ' \t'.repeat(N / 8) + 'b';
    assert.equal(markdownAnchors(line).length, 1);
    assert.deepEqual(markdownAnchors('# A [link](https://x.org/a_(b)) *em* `code` <b>tag</b> ##\n\n<a name="n"></a>'), ['a-link-em-code-tag', 'n']);
  });
});
