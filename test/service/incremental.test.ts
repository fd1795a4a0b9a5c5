import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createDiligenceService } from '../../server/src/service/index';
import { analyzeIncremental, analyzeTextWhole, type ParsedChunk } from '../../server/src/service/model/index';
import { EXAMPLE, SMALL } from '../support/docs';
import { prng } from '../support/prng';
import { VOCABULARY, document } from '../fuzz/arbitraries';
import { FUZZ_SEED, recordRuns } from '../fuzz/settings';

const strip = (m: ReturnType<typeof analyzeTextWhole>) => JSON.stringify({ ...m, lines: undefined });

// the template's vocabulary, including what changes chunk boundaries and cross-chunk references
const PIECES = ['\n', '\n\n', '## Area\n', '# Title\n', '### Required\n', '- [ ] **Crit**\n', '- [x] ', '  ', 'text ', '**TODO for X**: y\n',
  '$LEVEL', '[has/has not]', '<!-- (TOC Evaluation goes here) -->', '<!--', '-->', '```\n', '~~~', '[ref]', '[ref]: https://example.org/r\n',
  'https://example.org/a ', '[l](sandbox.cncf.io)', '<https://x.org>', '\r\n', '|a|b|\n|-|-|\n', '> ', '#', '`', '\uFEFF', '🚀', '\t'];

describe('incremental analysis', () => {
  it('equals a whole parse after each of 200 random edits', function () {
    this.timeout(60_000);
    const random = prng(20261122);
    let text = readFileSync(EXAMPLE, 'utf8');
    let chunks: ParsedChunk[] | undefined;
    let reused = 0;
    for (let step = 0; step < 200; step++) {
      const at = Math.floor(random() * (text.length + 1));
      const r = random();
      if (r < 0.55) {
        text = text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)]! + text.slice(at);
      } else if (r < 0.9) {
        text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 12));
      } else {
        text = text.slice(0, at) + String.fromCharCode(32 + Math.floor(random() * 90)) + text.slice(at + 1);
      }
      const previousNodes = new Set((chunks ?? []).map((c) => c.nodes));
      const inc = analyzeIncremental(text, chunks);
      reused += inc.chunks.filter((c) => previousNodes.has(c.nodes)).length;
      assert.equal(strip(inc.model), strip(analyzeTextWhole(text)), `step ${step}`);
      chunks = inc.chunks;
    }
    assert.ok(reused > 200, `chunks reused across versions: ${reused}`);
  });

  it('equals a whole parse after random edit sequences of the template vocabulary (fast-check)', function () {
    this.timeout(60_000);
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat({ max: 40 }), insert: fc.oneof(fc.constantFrom(...PIECES, ...VOCABULARY), fc.string({ maxLength: 4 })) });
    const start = fc.oneof({ weight: 1, arbitrary: fc.constant(SMALL) }, { weight: 3, arbitrary: document });
    fc.assert(fc.property(start, fc.array(edit, { minLength: 1, maxLength: 12 }), (initial, edits) => {
      // through the service too: versions of one open document reuse the previous chunks
      const service = createDiligenceService();
      let text = initial;
      let chunks: ParsedChunk[] | undefined = analyzeIncremental(text).chunks;
      let version = 1;
      service.getModel({ uri: 'file:///inc.md', version, getText: () => text });
      for (const e of edits) {
        const at = Math.floor(e.at * (text.length + 1));
        text = text.slice(0, at) + e.insert + text.slice(at + e.del);
        const inc = analyzeIncremental(text, chunks);
        const whole = strip(analyzeTextWhole(text));
        assert.equal(strip(inc.model), whole);
        const current = text;
        assert.equal(strip(service.getModel({ uri: 'file:///inc.md', version: ++version, getText: () => current })!), whole);
        chunks = inc.chunks;
      }
    }), { seed: FUZZ_SEED, numRuns: recordRuns('incremental: edit sequences', 150) });
  });

  it('re-parses only the chunk that changed', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const first = analyzeIncremental(text);
    const nodesBefore = first.chunks.map((c) => c.nodes[0]);
    const i = text.indexOf('Governance is documented');
    const edited = text.slice(0, i) + 'X' + text.slice(i);
    const second = analyzeIncremental(edited, first.chunks);
    const same = second.chunks.filter((c, k) => c.nodes[0] === nodesBefore[k]).length;
    assert.equal(same, second.chunks.length - 1, 'all chunks but the edited one keep their nodes');
  });
});
