import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { analyseIncremental, analyseTextWhole, type ParsedChunk } from '../../server/src/service/model/index';
import { CancellationSource, CancelledError, createDiligenceService } from '../../server/src/service/index';
import { EXAMPLE, SMALL } from '../support/docs';
import { prng } from '../support/prng';
import { VOCABULARY, document } from '../fuzz/arbitraries';
import { FUZZ_SEED, recordRuns } from '../fuzz/settings';

const strip = (m: ReturnType<typeof analyseTextWhole>) => JSON.stringify({ ...m, lines: undefined });

// the template's vocabulary, including what changes chunk boundaries and cross-chunk references
const PIECES = ['\n', '\n\n', '## Area\n', '# Title\n', '### Required\n', '- [ ] **Crit**\n', '- [x] ', '  ', 'text ', '**TODO for X**: y\n',
  '$LEVEL', '[has/has not]', '<!-- (TOC Evaluation goes here) -->', '<!--', '-->', '```\n', '~~~', '[ref]', '[ref]: https://example.org/r\n',
  'https://example.org/a ', '[l](sandbox.cncf.io)', '<https://x.org>', '\r\n', '|a|b|\n|-|-|\n', '> ', '#', '`', '\uFEFF', '🚀', '\t'];

describe('incremental analysis', () => {
  /** Random edits from the template's vocabulary; after each, the incremental model must equal a whole parse. */
  function randomEdits(start: string, steps: number, seed: number): { reused: number } {
    const random = prng(seed);
    let text = start;
    let chunks: ParsedChunk[] | undefined;
    let reused = 0;
    for (let step = 0; step < steps; step++) {
      const at = Math.floor(random() * (text.length + 1));
      const r = random();
      if (r < 0.55) {
        text = text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)]! + text.slice(at);
      } else if (r < 0.9) {
        text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 12));
      } else {
        text = text.slice(0, at) + String.fromCharCode(32 + Math.floor(random() * 90)) + text.slice(at + 1);
      }
      // keep the document from shrinking to nothing or growing without end
      if (text.length < start.length / 3) text += start;
      if (text.length > start.length * 3) text = text.slice(0, start.length);
      const previousNodes = new Set((chunks ?? []).map((c) => c.nodes));
      const inc = analyseIncremental(text, chunks);
      reused += inc.chunks.filter((c) => previousNodes.has(c.nodes)).length;
      assert.equal(strip(inc.model), strip(analyseTextWhole(text)), `seed ${seed}, step ${step}`);
      chunks = inc.chunks;
    }
    return { reused };
  }

  it('equals a whole parse after each of 200 random edits of the example document', function () {
    this.timeout(120_000);
    const { reused } = randomEdits(readFileSync(EXAMPLE, 'utf8'), 200, 20261122);
    assert.ok(reused > 200, `chunks reused across versions: ${reused}`);
  });

  it('equals a whole parse after each of 2,000 random edits of a small document (4 seeds × 500)', function () {
    this.timeout(180_000);
    let reused = 0;
    for (const seed of [1, 2, 3, 4]) reused += randomEdits(SMALL, 500, seed).reused;
    assert.ok(reused > 2000, `chunks reused across versions: ${reused}`);
  });

  it('equals a whole parse after random edit sequences of the template vocabulary (fast-check)', function () {
    this.timeout(60_000);
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat({ max: 40 }), insert: fc.oneof(fc.constantFrom(...PIECES, ...VOCABULARY), fc.string({ maxLength: 4 })) });
    const start = fc.oneof({ weight: 1, arbitrary: fc.constant(SMALL) }, { weight: 3, arbitrary: document });
    fc.assert(fc.property(start, fc.array(edit, { minLength: 1, maxLength: 12 }), (initial, edits) => {
      // through the service too: versions of one open document reuse the previous chunks
      const service = createDiligenceService();
      let text = initial;
      let chunks: ParsedChunk[] | undefined = analyseIncremental(text).chunks;
      let version = 1;
      service.getModel({ uri: 'file:///inc.md', version, getText: () => text });
      for (const e of edits) {
        const at = Math.floor(e.at * (text.length + 1));
        text = text.slice(0, at) + e.insert + text.slice(at + e.del);
        const inc = analyseIncremental(text, chunks);
        const whole = strip(analyseTextWhole(text));
        assert.equal(strip(inc.model), whole);
        const current = text;
        assert.equal(strip(service.getModel({ uri: 'file:///inc.md', version: ++version, getText: () => current })!), whole);
        chunks = inc.chunks;
      }
    }), { seed: FUZZ_SEED, numRuns: recordRuns('incremental: edit sequences', 150) });
  });

  it('re-parses only the chunk that changed', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const first = analyseIncremental(text);
    const nodesBefore = first.chunks.map((c) => c.nodes[0]);
    const i = text.indexOf('Governance is documented');
    const edited = text.slice(0, i) + 'X' + text.slice(i);
    const second = analyseIncremental(edited, first.chunks);
    const same = second.chunks.filter((c, k) => c.nodes[0] === nodesBefore[k]).length;
    assert.equal(same, second.chunks.length - 1, 'all chunks but the edited one keep their nodes');
  });
});

describe('analysis in steps (analyse): yields, is given up for newer versions, keeps its work', () => {
  // a document long enough that its first parse takes many yields
  const base = readFileSync(EXAMPLE, 'utf8');
  const big = base + Array.from({ length: 40 }, (_, i) => base.replace(/^# .*$/m, '').replace(/^## /gm, `## Part ${i} `)).join('\n');
  const docOf = (version: number, text: string) => ({ uri: 'file:///big.md', version, getText: () => text });

  it('without yieldToHost it is getModel', async () => {
    const svc = createDiligenceService();
    const m = await svc.analyse(docOf(1, base));
    assert.equal(m, svc.getModel(docOf(1, base)));
  });

  /**
   * A service whose analyses yield through setImmediate; `atFirstYield(f)` runs `f` once, at the
   * next yield (in the middle of an analysis). `yields` counts them.
   */
  function steppedService() {
    let pending: (() => void) | undefined;
    let yields = 0;
    const svc = createDiligenceService({
      yieldToHost: () => new Promise<void>((resolve) => setImmediate(() => {
        yields++;
        const f = pending;
        pending = undefined;
        f?.();
        resolve();
      })),
    });
    return { svc, atFirstYield: (f: () => void) => { pending = f; }, yields: () => yields };
  }

  it('a newer version gives the older analysis up; the newer reuses what it parsed; result equals a whole parse', async () => {
    const { svc, atFirstYield, yields } = steppedService();
    const v2 = big.replace('Governance is documented', 'Governance is well documented');
    let second: Promise<unknown> | undefined;
    atFirstYield(() => {
      second = svc.analyse(docOf(2, v2));
    });
    const first = svc.analyse(docOf(1, big));
    await assert.rejects(first, CancelledError);
    const m2 = await second;
    assert.ok(yields() >= 2, `yields: ${yields()}`);
    assert.equal(strip(m2 as ReturnType<typeof analyseTextWhole>), strip(analyseTextWhole(v2)));
    const s = svc.stats;
    assert.equal(s.analyses, 1);
    assert.equal(s.superseded, 1);
    assert.ok(s.chunksReused > 0, `chunks parsed by the given-up analysis are reused: ${JSON.stringify(s)}`);
    assert.equal(svc.getModel(docOf(2, v2)), m2, 'cached');
  });

  it('getModel of the same version takes over: the analysis resolves with that model', async () => {
    const { svc, atFirstYield } = steppedService();
    let model: unknown;
    atFirstYield(() => {
      model = svc.getModel(docOf(1, big));
    });
    const m = await svc.analyse(docOf(1, big));
    assert.ok(model);
    assert.equal(m, model);
    assert.equal(strip(m!), strip(analyseTextWhole(big)));
  });

  it('a cancelled token gives it up and keeps the chunks for the next analysis', async () => {
    const source = new CancellationSource();
    const svc = createDiligenceService({
      yieldToHost: () => new Promise<void>((resolve) => setImmediate(() => {
        source.cancel();
        resolve();
      })),
    });
    await assert.rejects(svc.analyse(docOf(1, big), source.token), CancelledError);
    const parsedBefore = svc.stats.chunksParsed;
    const m = svc.getModel(docOf(1, big));
    assert.equal(strip(m!), strip(analyseTextWhole(big)));
    assert.equal(parsedBefore, 0, 'nothing finished before');
    assert.ok(svc.stats.chunksReused > 0, JSON.stringify(svc.stats));
  });

  it('another document is answered at every yield of a long analysis, while it parses and while it walks (issue 20)', async () => {
    // paragraphs with emphasis and links and no heading after the first lines: few, long chunks
    const long = '# Acme Incubation Due Diligence\n\n## Governance\n\n' + 'Some evidence text with *emphasis* and a [link](https://example.org/a) here.\n\n'.repeat(6_000);
    const small = { uri: 'file:///small.md', version: 1, getText: () => '# Acme Due Diligence\n\n## Governance\n\n- [ ] **Crit** $TOCMEMBER\n' };
    const seen: Array<{ phase: 'parse' | 'walk'; answered: boolean; finished: boolean }> = [];
    const svc: ReturnType<typeof createDiligenceService> = createDiligenceService({
      yieldToHost: () => new Promise<void>((resolve) => setImmediate(() => {
        const s = svc.stats;
        const h = svc.hover(small, { line: 4, character: 16 });
        seen.push({ phase: s.chunksWalked > 0 ? 'walk' : 'parse', answered: JSON.stringify(h?.contents ?? '').includes('TOCMEMBER'), finished: svc.stats.analyses > analysedBefore });
        resolve();
      })),
    });
    assert.ok(svc.getModel(small));
    const analysedBefore = svc.stats.analyses;
    const model = await svc.analyse({ uri: 'file:///long.md', version: 1, getText: () => long });
    assert.ok(model);
    assert.ok(seen.some((x) => x.phase === 'parse'), `a yield while parsing: ${JSON.stringify(seen.length)}`);
    assert.ok(seen.some((x) => x.phase === 'walk'), `a yield while walking: ${seen.filter((x) => x.phase === 'walk').length}`);
    assert.deepEqual(seen.filter((x) => !x.answered || x.finished), [], 'every hover answered from the small document, none waited for the long one');
  });

  it('closing the document gives the analysis up', async () => {
    const { svc, atFirstYield } = steppedService();
    atFirstYield(() => svc.closeDocument('file:///big.md'));
    await assert.rejects(svc.analyse(docOf(1, big)), CancelledError);
  });
});
