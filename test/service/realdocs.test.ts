/**
 * Issue 12: defects that merged due-diligence documents carry, and false alarms they raised.
 * Every fixture here is our own minimal text in the shape of the real documents.
 */
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/service/model/index';
import { createDiligenceService, resolveConfig, type TemplateReference } from '../../server/src/service/index';
import { doc } from '../support/docs';

const clock = { now: () => new Date('2026-11-22T10:00:00Z') };

export function findings(text: string, template?: TemplateReference) {
  const service = createDiligenceService({ clock, config: resolveConfig({}) });
  const d = doc(text);
  if (template) service.setTemplateReference(d.uri, template);
  return service.findings(d);
}

export const codes = (text: string, template?: TemplateReference): string[] => findings(text, template).map((f) => f.code);

describe('real documents: TODOs anywhere (issue 12, item 1)', () => {
  it('finds a TODO after a sentence, and its text is not the evaluation', () => {
    const text = '## Security\n\n### Required\n\n- [x] **Document security response roles.**\n\n  Roles are listed in [SECURITY.md](https://github.com/foo/foo/blob/main/SECURITY.md). **TODO for heidi**: confirm the SLA.\n';
    const m = analyzeText(text);
    assert.deepEqual(m.todos.map((t) => [t.owner, t.text]), [['heidi', 'confirm the SLA.']]);
    assert.equal(m.criteria[0]!.evaluation, 'Roles are listed in [SECURITY.md](https://github.com/foo/foo/blob/main/SECURITY.md).');
    assert.ok(codes(text).includes('checked-with-open-todo'));
  });

  it('keeps the owner of the second of two TODO lines in a row, and two TODOs on one line apart', () => {
    const m = analyzeText('- [ ] **A**\n\n  **TODO for Ann**: first thing\n  **TODO for Bob**: second thing\n\n  **TODO for Cy**: one. **TODO for Di**: two.\n');
    assert.deepEqual(m.todos.map((t) => [t.owner, t.text]), [['Ann', 'first thing'], ['Bob', 'second thing'], ['Cy', 'one.'], ['Di', 'two.']]);
  });

  it('finds TODOs in table cells, the text ending with the cell', () => {
    const m = analyzeText('| Item | State |\n|---|---|\n| Docs | **TODO for Eve**: write them |\n| Tests | done |\n');
    assert.deepEqual(m.todos.map((t) => [t.owner, t.text]), [['Eve', 'write them']]);
  });

  it('a marker mid-line runs to the end of its line; at a paragraph\'s start, to its end', () => {
    const m = analyzeText('- [ ] **A**\n\n  Looks fine. **TODO for Fay**: check it\n  The rest is the evaluation.\n\n  **TODO for Gus**: a long\n  request\n');
    assert.deepEqual(m.todos.map((t) => t.text), ['check it', 'a long request']);
    assert.equal(m.criteria[0]!.evaluation, 'Looks fine. The rest is the evaluation.');
  });

  it('still does not take a TODO mentioned in passing (no colon, not opening its line)', () => {
    assert.equal(analyzeText('We discussed the **TODO for X** items.\n').todos.length, 0);
  });
});
