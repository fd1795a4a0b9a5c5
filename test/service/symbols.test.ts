import assert from 'node:assert/strict';
import { createDiligenceService, resolveConfig } from '../../server/src/service/index';
import { doc, readSeed, skipWithoutShared, SMALL } from '../support/docs';

const clock = { now: () => new Date('2026-11-22T10:00:00Z') };
const service = createDiligenceService({ clock, config: resolveConfig({ reviewer: { name: 'Jane Reviewer' } }) });

describe('document symbols', () => {
  it('document symbols: areas → levels → criteria', () => {
    const s = service.documentSymbols(doc(SMALL));
    assert.deepEqual(s.map((x) => x.name), ['Incubation Evaluation Summary for Acme', 'Governance']);
    const gov = s[1]!;
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
