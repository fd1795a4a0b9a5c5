import assert from 'node:assert/strict';
import { createDiligenceService, resolveConfig } from '../../server/src/service/index';
import { doc, readSeed, skipWithoutShared, SMALL } from '../support/docs';

const clock = { now: () => new Date('2026-11-22T10:00:00Z') };
const service = createDiligenceService({ clock, config: resolveConfig({ reviewer: { name: 'Jane Reviewer' } }) });

describe('document symbols', () => {
  it('document symbols: areas → levels → criteria; no plain headings (issue 19.12)', () => {
    const s = service.documentSymbols(doc(SMALL));
    // VS Code's built-in markdown provider already lists every heading (Go to Symbol showed the
    // summary twice): an area is ours only as the container of criteria, with their tally
    assert.deepEqual(s.map((x) => x.name), ['Governance']);
    const gov = s[0]!;
    assert.equal(gov.detail, '3/5 met');
    assert.deepEqual(gov.children!.map((x) => [x.name, x.detail]), [['Suggested', '1/2 met'], ['Required', '2/3 met']]);
    assert.deepEqual(gov.children![1]!.children!.map((x) => x.detail), ['met', 'met', 'not met']);
  });
  it('on the seed the outline has every criterion', function () {
    skipWithoutShared(this);
    const s = service.documentSymbols(doc(readSeed()));
    const count = s.flatMap((a) => a.children ?? []).flatMap((l) => l.children ?? []).length;
    assert.equal(count, 44);
  });
});
