import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseTemplateText, templateReferenceFromText } from '../../server/src/service/template/reference';
import { ROOT } from '../support/docs';
import { TEMPLATE } from '../support/templateFixture';

describe('template reference', () => {
  const ref = templateReferenceFromText(TEMPLATE);

  it('collects the template\'s placeholder strings, in code spans too, and no HTML element', () => {
    assert.deepEqual([...ref.placeholders].sort(), ['$PROJECT', '$REVIEWER', '<project>', 'DD-MMM-YYYY', 'YYYY-MM-DD']);
    assert.ok(!templateReferenceFromText('a<br>b <details>').placeholders.has('<br>'));
  });

  it('knows its own paragraphs, lines, sentences and same-line instructions, whatever the markup', () => {
    assert.ok(ref.isTemplateText('Finishing this widget review document and presenting it for comment meets this criterion.'));
    assert.ok(ref.isTemplateText('finishing  this widget review document\nand presenting it for comment meets this criterion'));
    assert.ok(ref.isTemplateText('*See the Adoption part of this review.*'));
    assert.ok(ref.isTemplateText('Say where the manual lives.'));
    assert.ok(ref.isTemplateText('Note: this area may be covered by the Craft Audit if one was done.'));
  });

  it('does not take the reviewer\'s text, or short answers, for the template\'s', () => {
    assert.ok(!ref.isTemplateText('The manual lives at https://example.org/manual and is current.'));
    assert.ok(!ref.isTemplateText('Yes.'));
    assert.ok(!ref.isTemplateText(''));
  });

  it('normalises markup, list markers, checkboxes, link targets and trailing punctuation', () => {
    assert.equal(normaliseTemplateText('- [x] **See** the [Adoption](#adoption) `part`.'), 'see the adoption part');
  });

  it('reads the real templates (../shared) without error', function () {
    const dir = join(ROOT, '..', 'shared', 'reference', 'cncf-toc', 'template-history');
    if (!existsSync(dir)) {
      console.log('    (skipped: ../shared/reference/cncf-toc/template-history is absent)');
      this.skip();
    }
    for (const f of readdirSync(dir).filter((x) => x.startsWith('template-dd-pr-'))) {
      const r = templateReferenceFromText(readFileSync(join(dir, f), 'utf8'));
      assert.ok(r.placeholders.has('$PROJECT'), f);
    }
  });
});
