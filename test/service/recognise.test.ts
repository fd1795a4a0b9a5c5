/**
 * Which markdown is a due diligence: decided on evidence (a title that says so, the template's
 * structure, a profile match), never on one marker, and never our own readiness report.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDiligenceService, reportToMarkdown } from '../../server/src/service/index';
import { doc, EXAMPLE, ROOT, SMALL } from '../support/docs';

const service = createDiligenceService();
const is = (text: string, uri = 'file:///w/x.md'): boolean => service.isDiligenceDocument(doc(text, uri));

describe('recognising a due diligence', () => {
  it('a sprint plan with bold task items is not one', () => {
    const plan = '# Sprint 14\n\n## Backend\n\n- [ ] **Migrate the queue** to the new broker\n- [x] **Fix login** on Safari\n- [ ] **Write the release notes**\n\n## Frontend\n\n- [ ] **Dark mode**\n';
    assert.equal(is(plan), false);
  });

  it('a README with one TODO for a person is not one', () => {
    assert.equal(is('# widget\n\nA small library.\n\n**TODO for Alice**: document the options.\n\n## Install\n\n    npm i widget\n'), false);
  });

  it('our own markdown readiness report is not one, though its title says "Due Diligence"', () => {
    const report = service.report(doc(SMALL))!;
    const md = reportToMarkdown(report);
    assert.match(md, /^# Readiness: Acme Incubation Due Diligence/);
    assert.equal(is(md, 'untitled:Untitled-1'), false);
  });

  it('a document that says it is one, or has the template\'s structure, is one', () => {
    assert.equal(is(SMALL), true);
    assert.equal(is(readFileSync(EXAMPLE, 'utf8')), true);
    assert.equal(is('# Acme Due Diligence\n\nNotes to come.\n'), true, 'the title says so');
    // no title: the template's structure (areas, levels, criteria) and its comments
    assert.equal(is('## Governance\n\n### Required\n\n- [ ] **Clear and discoverable project governance documentation.**\n\n<!-- (TOC Evaluation goes here) -->\n'), true);
    assert.equal(is('Summary: $TOCMEMBER reviewed it.\n'), true);
  });

  it('the TOC\'s templates are recognised (read from ../shared at test time)', function () {
    const dir = join(ROOT, '..', 'shared', 'reference', 'cncf-toc');
    if (!existsSync(dir)) {
      console.log(`      skipped: ${dir} is absent`);
      this.skip();
    }
    for (const f of ['template-dd-pr-incubation.md', 'template-dd-pr-graduation.md']) assert.equal(is(readFileSync(join(dir, f), 'utf8')), true, f);
  });
});
