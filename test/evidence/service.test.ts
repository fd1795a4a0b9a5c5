import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { DiligenceConfig } from '../../server/src/service/config';
import { noCancellation } from '../../server/src/service/host';
import { applyEdits, createDiligenceService, createEvidenceDiscoverer, EvidenceCache, reportToMarkdown } from '../../server/src/service/index';
import { createEvidenceGitHub } from '../../server/src/web/evidenceGitHub';
import { HEAD, NOW, useEvidenceEnv } from '../support/evidenceRepos';
import { doc, readSeed, needsShared } from '../support/docs';

const K = `https://github.com/kserve/kserve/blob/${HEAD.kserve}`;
const CHANNELS = 'List and document all project communication channels';

describe('evidence: in the document (service)', function () {
  needsShared();
  this.timeout(30_000);
  const env = useEvidenceEnv();

  function config(): DiligenceConfig {
    const c = env.config();
    c.repositories = ['kserve/kserve', 'kserve/community'];
    return c;
  }
  function service(cache = new EvidenceCache()) {
    const github = createEvidenceGitHub({ apiUrl: env.gh.apiUrl, token: env.gh.token });
    const clock = { now: () => NOW };
    return createDiligenceService({ config: config(), clock, evidenceDiscoverer: createEvidenceDiscoverer({ github, http: env.http, cache, clock }) });
  }
  const available = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => d.code === 'evidence-available');
  const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));
  const edits = (a: CodeAction, uri: string): TextEdit[] => a.edit!.changes![uri]!;

  it('evidence-available on criteria whose detectors found uncited evidence; none where nothing was found', async () => {
    const s = service();
    const d = doc(readSeed());
    await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
    const ds = available(s.diagnostics(d));
    const text = d.getText();
    const at = (needle: string): Diagnostic | undefined => ds.find((x) => x.range.start.line === lineOf(text, needle));
    const msg = (x: Diagnostic): string => (typeof x.message === 'string' ? x.message : x.message.value);
    const channels = at(CHANNELS);
    assert.ok(channels, 'communication channels');
    assert.equal(channels.severity, 3);
    assert.match(msg(channels), /^Evidence found for "List and document all project communication channels, inclu…" that it does not cite: README\.md lists community channels: Slack, community meeting in kserve\/kserve$/);
    // the security criterion cites kserve/kserve's SECURITY.md on master: the pinned one is the same file
    const security = at('process to report security issues');
    assert.ok(security);
    assert.match(msg(security), /Security policy \.github\/SECURITY\.md covers 3 of 5 expected topics \(missing: supported versions, communication channels\) in kserve\/community \(and 2 more\)$/);
    // adopters: no file anywhere, nothing to offer
    assert.equal(at('Publicly documented list of adopters'), undefined);
  });

  it('hover on a criterion shows the findings, ✓/✗ per repository, and which are cited', async () => {
    const s = service();
    const d = doc(readSeed());
    await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
    const line = lineOf(d.getText(), 'process to report security issues');
    const h = s.hover(d, { line, character: 10 });
    const value = (h?.contents as { value: string }).value;
    assert.match(value, /\*\*Evidence in the project's repositories\*\* \(security policy, OpenSSF Best Practices badge, OpenSSF Scorecard\)/);
    assert.ok(value.includes(`- ✓ kserve/kserve: Security policy SECURITY.md covers all 5 expected topics — [link](${K}/SECURITY.md) (cited)`), value);
    assert.ok(value.includes('- ✗ kserve/community: OpenSSF Best Practices project 9000 is in_progress, 84% towards passing, not passing yet'), value);
  });

  it('Insert evidence replaces the template comment with the bullet (exact text), and is not offered twice', async () => {
    const s = service();
    const d = doc(readSeed());
    await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
    const text = d.getText();
    const line = lineOf(text, CHANNELS);
    const actions = s.codeActions(d, { start: { line, character: 3 }, end: { line, character: 3 } });
    const insert = actions.filter((a) => a.title.startsWith('Insert evidence'));
    assert.deepEqual(insert.map((a) => a.title), ['Insert evidence: README.md lists community channels: Slack, community meeting (kserve/kserve)']);
    assert.equal(insert[0]!.isPreferred, true);
    const after = applyEdits(text, edits(insert[0]!, d.uri));
    const lines = after.split('\n');
    assert.deepEqual(lines.slice(line, line + 5), [
      text.split('\n')[line],
      '',
      `  - README.md lists community channels: Slack, community meeting ([kserve/kserve](${K}/README.md), as of 2025-06-01) <!-- diligence:evidence community-channels:kserve/kserve -->`,
      '',
      text.split('\n')[line + 3],
    ]);
    assert.ok(!after.includes('  <!-- (TOC Evaluation goes here) --> \n  **TODO for KServe Team:** KServe doesn'));
    // the criterion now cites it: no finding, no fix, and its TODO still belongs to it
    const d2 = doc(after);
    await s.evidence.discover(d2, { allowNetwork: true }, noCancellation);
    assert.equal(available(s.diagnostics(d2)).find((x) => x.range.start.line === line), undefined);
    assert.equal(s.codeActions(d2, { start: { line, character: 3 }, end: { line, character: 3 } }).filter((a) => a.title.startsWith('Insert evidence')).length, 0);
    const model = s.getModel(d2)!;
    const c = model.criteria.find((x) => x.title.startsWith(CHANNELS))!;
    assert.ok(c.evidence.some((i) => model.links[i]!.url === `${K}/README.md`));
    assert.equal(c.todos.length, 1);
  });

  it('a criterion without the template comment gets the bullet after its body; "Insert all" inserts every item', async () => {
    const s = service();
    const text = readSeed().replace(/(- \[ \] \*\*List and document all project communication channels[^\n]*\n)\n {2}<!-- \(TOC Evaluation goes here\) --> \n {2}\*\*TODO for KServe Team:\*\*[^\n]*\n/, '$1');
    const d = doc(text);
    await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
    const line = lineOf(text, CHANNELS);
    const a = s.codeActions(d, { start: { line, character: 3 }, end: { line, character: 3 } }).find((x) => x.title.startsWith('Insert evidence'))!;
    const after = applyEdits(text, edits(a, d.uri)).split('\n');
    assert.deepEqual(after.slice(line, line + 4), [text.split('\n')[line], '', `  - README.md lists community channels: Slack, community meeting ([kserve/kserve](${K}/README.md), as of 2025-06-01) <!-- diligence:evidence community-channels:kserve/kserve -->`, '']);

    const sec = lineOf(text, 'process to report security issues');
    const all = s.codeActions(d, { start: { line: sec, character: 3 }, end: { line: sec, character: 3 } }).find((x) => x.title.startsWith('Insert all evidence'));
    assert.equal(all?.title, 'Insert all evidence found (3)');
    const inserted = applyEdits(text, edits(all!, d.uri)).split('\n').slice(sec + 2, sec + 5);
    assert.deepEqual(inserted.map((l) => l.replace(/\(\[.*$/, '')), [
      // the comment is at the margin (outside the list item): the bullets go inside the item
      '  - Security policy .github/SECURITY.md covers 3 of 5 expected topics (missing: supported versions, communication channels) ',
      '  - OpenSSF Best Practices badge: passing (project 6643), 7% towards silver ',
      '  - OpenSSF Scorecard score 6.4/10 (2025-05-26) ',
    ]);
    const d2 = doc(applyEdits(text, edits(all!, d.uri)));
    await s.evidence.discover(d2, { allowNetwork: true }, noCancellation);
    assert.equal(available(s.diagnostics(d2)).find((x) => x.range.start.line === sec), undefined);
    const c = s.getModel(d2)!.criteria.find((x) => x.title.startsWith('Clearly defined and discoverable process to report security'))!;
    assert.equal(c.evidence.length, 4);
  });

  it('on a checked criterion without evidence: "Insert evidence" (found) and "Uncheck"', async () => {
    const s = service();
    const text = readSeed().replace('- [ ] **List and document all project communication channels', '- [x] **List and document all project communication channels');
    const d = doc(text);
    await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
    const line = lineOf(text, CHANNELS);
    assert.ok(s.diagnostics(d).some((x) => x.code === 'checked-without-evidence' && x.range.start.line === line));
    const titles = s.codeActions(d, { start: { line, character: 3 }, end: { line, character: 3 } }).map((a) => a.title);
    assert.ok(titles.includes('Insert evidence: README.md lists community channels: Slack, community meeting (kserve/kserve)'), titles.join('\n'));
    assert.ok(titles.includes('Uncheck criterion (no evidence yet)'));
  });

  it('the readiness report has the per-repository result; untrusted, it says evidence was not discovered', async () => {
    const s = service();
    const d = doc(readSeed());
    await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
    const r = s.report(d)!;
    assert.deepEqual(r.evidence?.repositories.map((x) => `${x.repo} ${x.passed}`), ['kserve/kserve 14/18', 'kserve/community 7/18']);
    // the per-criterion table's "evidence found" column is filled from the discovery
    const channels = r.perCriterion.find((c) => c.title.startsWith(CHANNELS))!;
    assert.deepEqual(channels.evidenceFound?.map((e) => `${e.repo} ${e.summary}`), ['kserve/kserve README.md lists community channels: Slack, community meeting']);
    const md = reportToMarkdown(r);
    assert.ok(md.includes('## Evidence in the project\'s repositories'));
    assert.ok(md.includes('### kserve/kserve (14/18)'));
    assert.ok(md.includes('| ✗ | adopters | No adopters file in the root, .github/ or docs/ |'));
    assert.ok(md.includes(`| ✓ | security policy | Security policy SECURITY.md covers all 5 expected topics [link](${K}/SECURITY.md) |`));
    assert.ok(md.includes(`| ✓ | maintainers | Maintainers: OWNERS; Maintainers: .github/CODEOWNERS [link 1](${K}/OWNERS) [link 2](${K}/.github/CODEOWNERS) |`));

    const untrusted = service();
    const d2 = doc(readSeed());
    await untrusted.evidence.discover(d2, { allowNetwork: false }, noCancellation);
    assert.ok(reportToMarkdown(untrusted.report(d2)!).includes('_Evidence was not discovered: evidence is not discovered in an untrusted workspace._'));
    assert.equal(available(untrusted.diagnostics(d2)).length, 0);
  });
});
