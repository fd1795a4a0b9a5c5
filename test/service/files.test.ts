import assert from 'node:assert/strict';
import { createDiligenceService, resolveConfig } from '../../server/src/service/index';
import { compileFileGlobs, globToRegExp, uriPath } from '../../server/src/service/files';
import { doc } from '../support/docs';

describe('diligence.files globs', () => {
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
