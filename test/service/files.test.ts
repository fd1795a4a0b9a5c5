import assert from 'node:assert/strict';
import { createDiligenceService, resolveConfig } from '../../server/src/service/index';
import fc from 'fast-check';
import { compileFileGlobs, globMatcher, uriPath } from '../../server/src/service/files';
import { doc } from '../support/docs';

/** The regular-expression translation the matcher replaced (it backtracked): the oracle for the property test. */
function regexOracle(glob: string): RegExp {
  let src = '';
  let i = 0;
  let braces = 0;
  while (i < glob.length) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches anything
        if (glob[i + 2] === '/') {
          src += '(?:[^/]*/)*';
          i += 3;
        } else {
          src += '.*';
          i += 2;
        }
        continue;
      }
      src += '[^/]*';
    } else if (ch === '?') {
      src += '[^/]';
    } else if (ch === '{') {
      braces++;
      src += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      src += ')';
    } else if (ch === ',' && braces > 0) {
      src += '|';
    } else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end > i + 1) {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        src += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = end + 1;
        continue;
      }
      src += '\\[';
    } else {
      src += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    i++;
  }
  while (braces-- > 0) src += ')';
  return new RegExp(`^${src}$`, 'i');
}

const globToRegExp = (glob: string): { test(path: string): boolean } => ({ test: globMatcher(glob) });

describe('diligence.files globs', () => {
  it('matches like the regular-expression translation it replaced, on generated globs and paths', () => {
    const glob = fc.array(fc.constantFrom('a', 'b', '.', '/', '*', '**', '**/', '?', '{a,b}', '{,x}', '[ab]', '[!a]', 'md'), { maxLength: 8 }).map((p) => '/' + p.join(''));
    const path = fc.array(fc.constantFrom('a', 'b', 'x', '.', '/', 'md'), { maxLength: 10 }).map((p) => '/' + p.join(''));
    fc.assert(fc.property(glob, path, (g, p) => globMatcher(g)(p) === regexOracle(g).test(p)), { seed: 20, numRuns: 3000 });
  });

  it('a glob made to backtrack (`**/a*a*a*…b.md` against 38 a) answers at once', () => {
    // the regular expression took 37 s here (more than the suite's timeout); the matcher is linear
    const glob = '/**/' + 'a*'.repeat(20) + 'b.md';
    assert.equal(globMatcher(glob)('/w/' + 'a'.repeat(38) + '.md'), false);
    assert.equal(compileFileGlobs(['**/' + 'a*'.repeat(20) + 'b.md'])('file:///w/' + 'a'.repeat(38) + 'b.md'), true);
  });

  it('translates *, **, ?, {a,b} and [..] ', () => {
    assert.ok(globToRegExp('/a/*.md').test('/a/x.md'));
    assert.ok(!globToRegExp('/a/*.md').test('/a/b/x.md'));
    assert.ok(globToRegExp('/a/**/x.md').test('/a/x.md'));
    assert.ok(globToRegExp('/a/**/x.md').test('/a/b/c/x.md'));
    assert.ok(globToRegExp('/a/dd-?.md').test('/a/dd-1.md'));
    assert.ok(globToRegExp('/a/*.{md,markdown}').test('/a/x.markdown'));
    assert.ok(globToRegExp('/a/[!x]*.md').test('/a/y.md'));
    assert.ok(!globToRegExp('/a/[!x]*.md').test('/a/x.md'));
    assert.ok(globToRegExp('/a/v1.0+/x.md').test('/a/v1.0+/x.md'), 'regex characters are literal');
    assert.ok(!globToRegExp('/a/v1.0/x.md').test('/a/v1x0/x.md'));
  });

  it('relative patterns match at any depth; absolute ones from the root; URIs are decoded', () => {
    const m = compileFileGlobs(['due-diligence/*.md', '/abs/only.md', 'c:/win/*.md', '']);
    assert.ok(m('file:///work/repo/due-diligence/kserve.md'));
    assert.ok(m('file:///due-diligence/kserve.md'));
    assert.ok(!m('file:///work/repo/due-diligence/sub/kserve.md'));
    assert.ok(m('file:///abs/only.md'));
    assert.ok(!m('file:///x/abs/only.md'));
    assert.ok(m('file:///c%3A/win/dd.md'));
    assert.equal(uriPath('file:///a%20b/c.md'), '/a b/c.md');
    assert.ok(compileFileGlobs(['*.md'])('untitled:Untitled-1.md'));
    assert.ok(!compileFileGlobs([])('file:///a.md'));
  });

  it('makes a document without any sign of due diligence one, through the settings', () => {
    const plain = doc('# Notes\n\nJust text.\n', 'file:///work/reviews/notes.md');
    assert.equal(createDiligenceService().isDiligenceDocument(plain), false);
    const problems: string[] = [];
    const service = createDiligenceService({ config: resolveConfig({ files: ['reviews/*.md', 3] }, problems) });
    assert.equal(service.isDiligenceDocument(plain), true);
    assert.deepEqual(problems, ['diligence.files: only non-empty strings (globs) are used']);
    service.configure(resolveConfig({ files: [] }));
    assert.equal(service.isDiligenceDocument(plain), false);
    assert.deepEqual(resolveConfig({ files: 'x' }, problems).files, []);
  });
});
