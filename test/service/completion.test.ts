import assert from 'node:assert/strict';
import { createDiligenceService, resolveConfig } from '../../server/src/service/index';
import { cursor, doc, SMALL } from '../support/docs';

const clock = { now: () => new Date('2026-11-22T10:00:00Z'), utcOffsetMinutes: () => 0 };
const service = createDiligenceService({ clock, config: resolveConfig({ reviewer: { name: 'Jane Reviewer' } }) });

describe('completion', () => {
  it('offers a placeholder\'s value', () => {
    const { text, position } = cursor(SMALL.replace('$LEVEL', '$LEV|EL'));
    const items = service.completion(doc(text), position);
    assert.deepEqual(items.map((i) => i.label), ['Incubation']);
    assert.equal(items[0]!.textEdit && 'range' in items[0]!.textEdit ? items[0]!.textEdit.range.end.character - items[0]!.textEdit.range.start.character : 0, '$LEVEL'.length);
  });
  it('offers TODO owners: the document\'s, the project team and the reviewer', () => {
    const { text, position } = cursor(SMALL + '\n  **TODO for A|');
    const items = service.completion(doc(text), position);
    assert.deepEqual(items.map((i) => i.label), ['Acme team', 'Jane Reviewer']);
  });
});
