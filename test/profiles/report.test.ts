import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { createDiligenceService, reportToMarkdown, resolveConfig, type EvidenceItem } from '../../server/src/service/index';
import { doc, readSeed, needsShared } from '../support/docs';

describe('readiness report: profile, repositories, per criterion', () => {
  needsShared();
  const service = createDiligenceService();
  const seed = doc(readSeed(), 'file:///ws/kserve-dd.md');

  it('names the profile and the repositories, one row per criterion', () => {
    const r = service.report(seed)!;
    assert.deepEqual(r.profile, { id: 'cncf-incubation', name: 'CNCF Incubation due diligence', confidence: 0.98, recognised: 44 });
    assert.deepEqual(r.repositories.slice(0, 2), ['kserve/community', 'kserve/kserve']);
    assert.equal(r.repositorySource, 'document');
    assert.equal(r.perCriterion.length, 44);
    const sec = r.perCriterion.find((c) => c.profileCriterion === 'security.reporting-process')!;
    assert.deepEqual({ ...sec, title: sec.title.slice(0, 20) }, {
      index: 35, line: sec.line, area: 'Security', title: 'Clearly defined and ', level: 'required', state: 'unmet',
      profileCriterion: 'security.reporting-process', detectors: ['security-policy', 'openssf-badge', 'scorecard'],
      evidenceCited: 1, evidenceFound: null, openTodos: 1,
    });
    assert.equal(readSeed().split('\n')[sec.line]!.startsWith('- [ ] **Clearly defined and discoverable process to report security'), true);
    const counts = { met: 0, unmet: 0, 'n/a': 0 };
    for (const c of r.perCriterion) counts[c.state]++;
    assert.deepEqual(counts, { met: 18, unmet: 26, 'n/a': 0 });
  });

  it('shows the evidence found for each criterion\'s detectors when given', () => {
    const evidence: EvidenceItem[] = [
      { detector: 'security-policy', repo: 'kserve/kserve', found: true, summary: 'SECURITY.md covers 2 of 5 topics', url: 'https://github.com/kserve/kserve/blob/0123abc/SECURITY.md' },
      { detector: 'security-policy', repo: 'kserve/community', found: false, summary: 'no SECURITY.md' },
      { detector: 'adopters', repo: 'kserve/kserve', found: false, summary: 'no adopters file' },
    ];
    const r = service.report(seed, evidence)!;
    const row = (id: string) => r.perCriterion.find((c) => c.profileCriterion === id)!;
    assert.deepEqual(row('security.reporting-process').evidenceFound, [
      { detector: 'security-policy', repo: 'kserve/kserve', summary: 'SECURITY.md covers 2 of 5 topics', url: 'https://github.com/kserve/kserve/blob/0123abc/SECURITY.md' },
    ]);
    assert.deepEqual(row('ecosystem.adopters-list').evidenceFound, []);
    const md = reportToMarkdown(r);
    assert.match(md, /\| Security \| Required \| unmet \| 1 \| \[security-policy \(kserve\/kserve\)\]\(https:\/\/github\.com\/kserve\/kserve\/blob\/0123abc\/SECURITY\.md\) \| 1 \|/);
    assert.match(md, /\| Publicly documented list of adopters.* \| Ecosystem \| Required \| unmet \| 0 \| none \| 0 \|/);
  });

  it('markdown: profile and repositories lines, a criteria table with "—" when no evidence was looked for', () => {
    const md = reportToMarkdown(service.report(seed)!);
    assert.match(md, /^- Profile: CNCF Incubation due diligence \(`cncf-incubation`, confidence 0\.98; 44\/44 criteria recognised\)$/m);
    assert.match(md, /^- Repositories: kserve\/community, kserve\/kserve, .* \(inferred from the links in the document\)$/m);
    assert.match(md, /^\| Line \| Criterion \| Area \| Level \| State \| Evidence cited \| Evidence found \| Open TODOs \|$/m);
    assert.match(md, /^\| \d+ \| Give a presentation and engage with the domain specific TAG\(s\) to increase awareness \| Application Process Principles \| Required \| unmet \| 0 \| — \| 1 \|$/m);
    assert.equal(md.split('## Template')[0]!.split('\n').filter((l) => /^\| \d+ \|/.test(l)).length, 44);
  });

  it('a criterion evaluated "N/A" is n/a; repositories from the setting', () => {
    const s = createDiligenceService({ config: resolveConfig({ repositories: ['acme/acme'] }) });
    const r = s.report(doc('# Acme Incubation Due Diligence\n\n## Governance\n\n### Required\n\n- [ ] **All subprojects, if any, are listed.**\n\n  N/A: no subprojects.\n'))!;
    assert.equal(r.perCriterion[0]!.state, 'n/a');
    assert.deepEqual([r.repositories, r.repositorySource], [['acme/acme'], 'settings']);
    assert.match(reportToMarkdown(r), /- Repositories: acme\/acme \(from diligence\.repositories\)/);
  });

  it('the title hover shows the profile and the repositories', () => {
    const h = service.hover(seed, { line: 0, character: 3 })!;
    const v = (h.contents as MarkupContent).value;
    assert.match(v, /- Profile: CNCF Incubation due diligence \(44\/44 criteria recognised\)/);
    assert.match(v, /- Repositories: `kserve\/community`, `kserve\/kserve`, .* \(inferred from the document\)/);
  });

  it('user profiles join the built-in ones and change the match', () => {
    const s = createDiligenceService();
    const base = s.profiles().find((p) => p.id === 'cncf-incubation')!;
    s.setUserProfiles([{ ...base, id: 'kserve-special', name: 'KServe special', detect: { titlePatterns: ['kserve'], keywords: ['KServe'] } }]);
    assert.equal(s.profiles().length, 6);
    assert.equal(s.profileMatch(doc(readSeed()))!.profile.id, 'kserve-special');
    s.setUserProfiles([]);
    assert.equal(s.profileMatch(doc(readSeed()))!.profile.id, 'cncf-incubation');
  });
});

describe('TODOs for one owner', () => {
  needsShared();
  const service = createDiligenceService();
  const text = readSeed();
  const d = doc(text, 'file:///ws/kserve-dd.md');

  it('lists the owners with their counts', () => {
    assert.deepEqual(service.todoOwners(d), [{ owner: 'KServe team', count: 18 }, { owner: 'Kevin', count: 3 }]);
  });

  it('one owner\'s open TODOs as a markdown list linking back to their lines (owner case folded)', () => {
    const r = service.todosForOwner(d, 'kevin')!;
    assert.equal(r.owner, 'Kevin');
    assert.equal(r.count, 3);
    const lines = r.markdown.trimEnd().split('\n');
    assert.equal(lines[0], 'Open TODOs for Kevin in KServe Incubation Due Diligence (3):');
    const first = text.split('\n').findIndex((l) => l.includes('**TODO for Kevin**: check with TAG runtime')) + 1;
    // no link to the reviewer's disk in text meant for the project: the line number alone
    assert.equal(lines[2], `- [ ] check with TAG runtime to provide recommendation — on *TAG provides insight/recommendation of the project in the context of the landscape* (line ${first})`);
    assert.ok(!r.markdown.includes('file:'), r.markdown);
    assert.ok(!service.todosForOwner(d, 'Kevin', 'file:///home/erin/dd.md')!.markdown.includes('file:'), 'a file: link base is refused');
    assert.equal(lines.length, 5);
    const gh = service.todosForOwner(d, 'Kevin', 'https://github.com/cncf/toc/blob/main/projects/kserve/dd.md')!;
    assert.ok(gh.markdown.includes(`(https://github.com/cncf/toc/blob/main/projects/kserve/dd.md#L${first})`));
  });

  it('an owner with no open TODO gets a clear line', () => {
    const r = service.todosForOwner(d, 'Nobody')!;
    assert.equal(r.count, 0);
    assert.match(r.markdown, /No open TODO for Nobody\./);
  });
});
