import assert from 'node:assert/strict';
import { createDiligenceService, resolveConfig } from '../../server/src/service/index';
import { doc, SMALL } from '../support/docs';

const clock = { now: () => new Date('2026-11-22T10:00:00Z'), utcOffsetMinutes: () => 0 };
const service = createDiligenceService({ clock, config: resolveConfig({ reviewer: { name: 'Jane Reviewer' } }) });

describe('folding', () => {
  it('folding per criterion', () => {
    const f = service.foldingRanges(doc(SMALL));
    const lines = SMALL.split('\n');
    const crit = lines.findIndex((l) => l.includes('**Code and Doc ownership'));
    const range = f.find((r) => r.startLine === crit && r.kind === undefined)!;
    assert.ok(range, 'a folding range starts at the criterion');
    assert.match(lines[range.endLine]!, /TODO for Acme team/);
  });
});
