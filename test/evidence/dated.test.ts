import assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import type { DiligenceConfig } from '../../server/src/service/config';
import { noCancellation } from '../../server/src/service/host';
import { applyEdits, createDiligenceService, createEvidenceDiscoverer, EvidenceCache } from '../../server/src/service/index';
import { insertedFacts, refreshEdits, datedFact } from '../../server/src/service/evidence/dated';
import { analyseText as parseDocument } from '../../server/src/service/model/index';
import { createEvidenceGitHub } from '../../server/src/web/evidenceGitHub';
import { HEAD, KSERVE_README, NOW, useEvidenceEnv } from '../support/evidenceRepos';
import { doc, readSeed, needsShared } from '../support/docs';

const K = `https://github.com/kserve/kserve/blob/${HEAD.kserve}`;
const CHANNELS = 'List and document all project communication channels';
const DAY = 86_400_000;

describe('evidence: every inserted fact dated, refreshable', function () {
  needsShared();
  this.timeout(30_000);
  const env = useEvidenceEnv();

  function config(maxAge = 90): DiligenceConfig {
    const c = env.config();
    c.repositories = ['kserve/kserve', 'kserve/community'];
    c.evidence.maxAge = maxAge;
    return c;
  }
  function service(at: Date = NOW, maxAge = 90, cache = new EvidenceCache()) {
    const github = createEvidenceGitHub({ apiUrl: env.gh.apiUrl, token: env.gh.token });
    const clock = { now: () => at };
    return createDiligenceService({ config: config(maxAge), clock, evidenceDiscoverer: createEvidenceDiscoverer({ github, http: env.http, cache, clock }) });
  }
  const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));
  const edits = (a: CodeAction, uri: string): TextEdit[] => a.edit!.changes![uri]!;

  /** the seed with the channels criterion's evidence inserted on NOW */
  async function inserted(): Promise<string> {
    const s = service();
    const d = doc(readSeed());
    await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
    const line = lineOf(d.getText(), CHANNELS);
    const a = s.codeActions(d, { start: { line, character: 3 }, end: { line, character: 3 } }).find((x) => x.title.startsWith('Insert evidence'))!;
    return applyEdits(d.getText(), edits(a, d.uri));
  }

  it('the inserted bullet says its source and date, carries a marker, and changes nothing else in how the document reads', async () => {
    const text = await inserted();
    const line = `  - README.md lists community channels: Slack, community meeting ([kserve/kserve](${K}/README.md), as of 2025-06-01) <!-- diligence:evidence community-channels:kserve/kserve -->`;
    assert.ok(text.split('\n').includes(line));
    const before = parseDocument(readSeed());
    const after = parseDocument(text);
    assert.deepEqual(after.criteria.map((c) => [c.title, c.checked]), before.criteria.map((c) => [c.title, c.checked]));
    assert.deepEqual(after.todos.map((t) => t.text), before.todos.map((t) => t.text));
    const facts = insertedFacts(after);
    assert.deepEqual(facts.map((f) => [f.key, f.asOf]), [['community-channels:kserve/kserve', '2025-06-01']]);
  });

  it('only lines Diligence wrote are recognised: a marker in prose, or followed by text, or with a strange key, is not one', () => {
    const model = parseDocument([
      '# X Incubation Due Diligence', '',
      'Prose that mentions <!-- diligence:evidence license:a/b --> in passing.', '',
      '- A bullet ([a/b](https://github.com/a/b), as of 2025-01-01) <!-- diligence:evidence license:a/b --> and more', '',
      '- A bullet <!-- diligence:evidence <script> -->', '',
      '- Kept ([a/b](https://github.com/a/b), as of 2025-01-01) <!-- diligence:evidence license:a/b -->', '',
    ].join('\n'));
    assert.deepEqual(insertedFacts(model).map((f) => f.line), [8]);
  });

  it('a fact older than diligence.evidence.maxAge days gets an evidence-stale hint whose quick fix runs Refresh evidence; 0 turns it off', async () => {
    const text = await inserted();
    const at = lineOf(text, '<!-- diligence:evidence community-channels');
    const stale = (days: number, maxAge = 90) => {
      const s = service(new Date(NOW.getTime() + days * DAY), maxAge);
      const d = doc(text);
      return { s, d, hints: s.diagnostics(d).filter((x) => x.code === 'evidence-stale') };
    };
    assert.equal(stale(90).hints.length, 0);
    const { s, d, hints } = stale(91);
    assert.equal(hints.length, 1);
    assert.equal(hints[0]!.range.start.line, at);
    assert.equal(hints[0]!.severity, 4);
    assert.match(String(hints[0]!.message), /discovered on 2025-06-01, 91 days ago \(more than 90\)/);
    const fix = s.codeActions(d, hints[0]!.range).find((a) => a.title.startsWith('Refresh evidence'));
    assert.deepEqual(fix?.command, { title: 'Refresh evidence', command: 'diligence.refreshEvidence', arguments: [d.uri] });
    assert.equal(stale(400, 0).hints.length, 0);
  });

  it('Refresh evidence asks again despite the cache, rewrites only the facts it inserted (dated anew) and says what changed', async () => {
    const text = await inserted();
    const cache = new EvidenceCache();
    const later = new Date(NOW.getTime() + 100 * DAY);
    const s = service(later, 90, cache);
    const d = doc(text);
    await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
    const kserve = env.gh.repos.find((r) => r.owner === 'kserve' && r.name === 'kserve')!;
    kserve.files['README.md'] = KSERVE_README.replace('- Join the [#kserve Slack channel](https://cloud-native.slack.com/archives/C06AH2C3K8B)\n', '');
    try {
      env.gh.reset();
      const r = await s.evidence.refresh(d, { allowNetwork: true }, noCancellation);
      assert.ok(env.gh.requests.length > 0, 'the cache is bypassed');
      assert.equal(r?.rewritten, 1);
      const after = applyEdits(text, r!.edits);
      const changed = after.split('\n').filter((l, i) => l !== text.split('\n')[i]);
      assert.deepEqual(changed, [`  - README.md lists community channels: community meeting ([kserve/kserve](${K}/README.md), as of 2025-09-09) <!-- diligence:evidence community-channels:kserve/kserve -->`]);
      assert.equal(after.split('\n').length, text.split('\n').length);
      assert.deepEqual(r?.changes, [`line ${lineOf(text, '<!-- diligence:evidence') + 1}: README.md lists community channels: Slack, community meeting ([kserve/kserve](${K}/README.md), as of 2025-06-01) → README.md lists community channels: community meeting ([kserve/kserve](${K}/README.md), as of 2025-09-09)`]);
      // re-dated: the hint is gone
      assert.equal(s.diagnostics(doc(after)).filter((x) => x.code === 'evidence-stale').length, 0);
      // the source action does the same from the last discovery, without a request
      env.gh.reset();
      const line = lineOf(text, CHANNELS);
      const src = s.codeActions(d, { start: { line, character: 0 }, end: { line, character: 0 } }, ['source.refreshEvidence.diligence']);
      assert.equal(src.length, 1);
      assert.equal(src[0]!.title, 'Refresh evidence: 1 fact rewritten, 1 changed');
      assert.equal(applyEdits(text, edits(src[0]!, d.uri)), after);
      assert.equal(env.gh.requests.length, 0);
      // not offered unless asked for by kind
      assert.ok(!s.codeActions(d, { start: { line, character: 0 }, end: { line, character: 0 } }).some((a) => a.kind === 'source.refreshEvidence.diligence'));
    } finally {
      kserve.files['README.md'] = KSERVE_README;
    }
  });

  it('a fact whose finding is gone is left as it was and reported; untrusted, nothing is asked and nothing rewritten', async () => {
    const text = await inserted();
    const model = parseDocument(text);
    const { edits: none, changes } = refreshEdits(model, [], NOW);
    assert.deepEqual(none, []);
    assert.equal(changes[0]?.kind, 'not-found');
    env.gh.reset();
    const s = service(NOW);
    const r = await s.evidence.refresh(doc(text), { allowNetwork: false }, noCancellation);
    assert.equal(r?.rewritten, 0);
    assert.equal(r?.notDiscovered?.reason, 'untrusted');
    assert.equal(env.gh.requests.length, 0);
    assert.match(datedFact({ detector: 'license', repo: 'a/b', found: true, summary: 'License <x> [y]', url: 'https://github.com/a/b' }, NOW), /^License \\<x\\> \\\[y\\\] \(\[a\/b\]\(https:\/\/github\.com\/a\/b\), as of 2025-06-01\) <!-- diligence:evidence license:a\/b -->$/);
  });
});
