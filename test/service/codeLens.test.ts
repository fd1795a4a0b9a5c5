import assert from 'node:assert/strict';
import { createDiligenceService, resolveConfig } from '../../server/src/service/index';
import { doc, SMALL } from '../support/docs';

const clock = { now: () => new Date('2026-11-22T10:00:00Z'), utcOffsetMinutes: () => 0 };
const service = createDiligenceService({ clock, config: resolveConfig({ reviewer: { name: 'Jane Reviewer' } }) });

describe('code lenses', () => {
  it('code lens on each area: Required met, open TODOs', () => {
    const l = service.codeLenses(doc(SMALL));
    assert.equal(l.length, 1);
    assert.equal(l[0]!.command!.title, 'Required 2/3 met · Suggested 1/2 met · 2 open TODOs');
    assert.equal(l[0]!.command!.command, 'diligence.showReport');
  });
});
