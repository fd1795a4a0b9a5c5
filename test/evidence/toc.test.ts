import assert from 'node:assert/strict';
import { noCancellation } from '../../server/src/service/host';
import { createEvidenceDiscoverer } from '../../server/src/service/evidence/discover';
import { EvidenceCache } from '../../server/src/service/evidence/cache';
import { evidenceReport, evidenceReportToMarkdown } from '../../server/src/service/evidence/report';
import { newestSnapshot, parseGovernanceReview, tocFolders, tocProjectSlug } from '../../server/src/service/evidence/toc';
import type { EvidenceItem } from '../../server/src/service/profiles/types';
import { createEvidenceGitHub } from '../../server/src/web/evidenceGitHub';
import { NOW, useEvidenceEnv } from '../support/evidenceRepos';
import { KSERVE_GOVERNANCE_REVIEW, TOC_HEAD, UNFILLED_GOVERNANCE_REVIEW } from '../support/tocRepo';

const T = `https://github.com/cncf/toc/blob/${TOC_HEAD}`;

describe('evidence: the TOC\'s review snapshots in cncf/toc', function () {
  this.timeout(30_000);

  describe('reading them (pure)', () => {
    it('a governance review: the status line, the must-fix items (wrapped lines joined) and the areas for improvement; nothing from other sections', () => {
      const r = parseGovernanceReview(KSERVE_GOVERNANCE_REVIEW);
      assert.equal(r.status, 'Mostly Satisfactory');
      assert.deepEqual(r.mustFix, ['List every maintainer with their employer in MAINTAINERS.md.', 'Link the code of conduct from the governance document.']);
      assert.deepEqual(r.improvements, ['Document how subproject leads are chosen.', 'Add a second organisation to the release team.', 'Publish the steering election calendar.']);
    });

    it('the template still unfilled: no status, no items (the bold lead-ins are not items)', () => {
      assert.deepEqual(parseGovernanceReview(UNFILLED_GOVERNANCE_REVIEW), { status: undefined, mustFix: [], improvements: [] });
      assert.deepEqual(parseGovernanceReview('### Must-Fix Items\n\nNone.\n\n### Areas for Improvement\n\nKeep the calendar current.\n').mustFix, []);
      assert.deepEqual(parseGovernanceReview('### Areas for Improvement\n\nKeep the calendar current.\n').improvements, ['Keep the calendar current.']);
      assert.deepEqual(parseGovernanceReview(''), { status: undefined, mustFix: [], improvements: [] });
    });

    it('project folder names and paths as cncf/toc spells them; the newest dated snapshot wins', () => {
      assert.equal(tocProjectSlug('KServe'), 'kserve');
      assert.equal(tocProjectSlug('  Confidential Containers '), 'confidential-containers');
      assert.equal(tocProjectSlug('in-toto'), 'in-toto');
      assert.equal(tocFolders('kserve')[0], 'projects/kserve');
      assert.ok(tocFolders('kserve').includes('projects/kserve/security-assesment'));
      assert.deepEqual(newestSnapshot(['a/2024-01-02.md', 'a/notes.md', 'a/2025-02-24-gtr-x.md']), { path: 'a/2025-02-24-gtr-x.md', date: '2025-02-24' });
      assert.deepEqual(newestSnapshot(['a/notes.md']), { path: 'a/notes.md' });
      assert.equal(newestSnapshot([]), undefined);
    });
  });

  describe('discovery against a fake GitHub', () => {
    const env = useEvidenceEnv();
    function setup(token: string | undefined = env.gh.token, cache = new EvidenceCache()) {
      const github = createEvidenceGitHub({ apiUrl: env.gh.apiUrl, ...(token ? { token } : {}) });
      return createEvidenceDiscoverer({ github, http: env.http, cache, clock: { now: () => NOW } });
    }
    const byDetector = (items: readonly EvidenceItem[] | undefined, d: string): EvidenceItem => {
      const found = (items ?? []).filter((i) => i.detector === d);
      assert.equal(found.length, 1, `${d}: ${JSON.stringify(items)}`);
      return found[0]!;
    };

    it('finds the three snapshots with pinned permalinks and reads the governance review: 2 requests cold, none warm', async () => {
      const cache = new EvidenceCache();
      const d = await setup(env.gh.token, cache).discover([], { config: env.config(), allowNetwork: true, project: 'kserve' }, noCancellation);
      assert.equal(d.notDiscovered, undefined);
      assert.equal(d.toc?.repo, 'cncf/toc');
      assert.equal(d.toc?.project, 'kserve');
      const gtr = byDetector(d.toc?.items, 'toc-tech-review');
      assert.equal(gtr.found, true);
      assert.equal(gtr.url, `${T}/projects/kserve/tech-review/2025-03-01.md`);
      assert.equal(gtr.summary, 'General Technical Review snapshot of 2025-03-01 in cncf/toc (projects/kserve/tech-review/2025-03-01.md; 2 snapshots)');
      assert.deepEqual(gtr.details, { path: 'projects/kserve/tech-review/2025-03-01.md', date: '2025-03-01', snapshots: 2 });
      const gov = byDetector(d.toc?.items, 'toc-governance-review');
      assert.equal(gov.summary, 'Governance Review of 2025-04-15 in cncf/toc: status Mostly Satisfactory, 2 must-fix items, 3 areas for improvement');
      assert.equal(gov.url, `${T}/projects/kserve/governance-review/2025-04-15.md`);
      assert.equal(gov.details?.['status'], 'Mostly Satisfactory');
      assert.equal((gov.details?.['mustFix'] as string[]).length, 2);
      const sec = byDetector(d.toc?.items, 'toc-security-assessment');
      assert.equal(sec.url, `${T}/projects/kserve/security-assessment/self-assessment.md`);
      // one listing of the folders, one read of the governance review; the token to the API only
      assert.equal(env.gh.requests.length, 2);
      assert.ok(env.gh.requests.every((r) => r.path === '/graphql' && r.authorization === `token ${env.gh.token}`));

      env.gh.reset();
      const warm = await setup(env.gh.token, cache).discover([], { config: env.config(), allowNetwork: true, project: 'kserve' }, noCancellation);
      assert.equal(env.gh.requests.length, 0);
      assert.equal(warm.toc?.fromCache, true);
      assert.deepEqual(warm.toc?.items, d.toc?.items);
    });

    it('a misspelt self-assessment folder still counts; an unfilled governance review says so; a missing GTR says where it was looked for', async () => {
      const d = await setup().discover([], { config: env.config(), allowNetwork: true, project: 'widgets' }, noCancellation);
      assert.equal(byDetector(d.toc?.items, 'toc-security-assessment').url, `${T}/projects/widgets/security-assesment/self-assessment.md`);
      const gov = byDetector(d.toc?.items, 'toc-governance-review');
      assert.equal(gov.summary, 'Governance Review in cncf/toc: status not stated, 0 must-fix items, 0 areas for improvement');
      const gtr = byDetector(d.toc?.items, 'toc-tech-review');
      assert.equal(gtr.found, false);
      assert.equal(gtr.summary, 'No General Technical Review snapshot in cncf/toc under projects/widgets/tech-review/');
      assert.equal(gtr.url, undefined);
    });

    it('a project with no folder: three misses from one request; a TOC repository that is not visible is reported', async () => {
      const d = await setup().discover([], { config: env.config(), allowNetwork: true, project: 'acme' }, noCancellation);
      assert.deepEqual(d.toc?.items.map((i) => [i.detector, i.found]), [['toc-tech-review', false], ['toc-governance-review', false], ['toc-security-assessment', false]]);
      assert.match(d.toc!.items[0]!.summary, /cncf\/toc has no projects\/acme\/ folder/);
      assert.equal(env.gh.requests.length, 1);

      const config = env.config();
      config.evidence.tocRepo = 'cncf/private-toc';
      const hidden = await setup().discover([], { config, allowNetwork: true, project: 'kserve' }, noCancellation);
      assert.match(hidden.toc?.error ?? '', /cncf\/private-toc not found \(or not visible with this token\)/);
      assert.deepEqual(hidden.toc?.items, []);
    });

    it('rate limit: reported, nothing cached; untrusted or without a token: nothing asked', async () => {
      const cache = new EvidenceCache();
      env.gh.exhaust(new Date(Date.now() + 600_000));
      const limited = await setup(env.gh.token, cache).discover([], { config: env.config(), allowNetwork: true, project: 'kserve' }, noCancellation);
      env.gh.restore();
      assert.equal(limited.notDiscovered?.reason, 'rate-limited');
      assert.match(limited.notDiscovered!.message, /GitHub API rate limit reached; resets at /);
      assert.equal(limited.toc, undefined);
      // only DevStats's answer is kept: it does not depend on GitHub's limit
      assert.equal(limited.devstats?.items[0]?.found, true);
      assert.equal(cache.size, 1);

      env.gh.reset();
      const untrusted = await setup().discover([], { config: env.config(), allowNetwork: false, project: 'kserve' }, noCancellation);
      assert.equal(untrusted.notDiscovered?.reason, 'untrusted');
      const off = env.config();
      off.evidence.enabled = false;
      assert.equal((await setup().discover([], { config: off, allowNetwork: true, project: 'kserve' }, noCancellation)).notDiscovered?.reason, 'offline');
      const noToken = await setup('').discover([], { config: env.config(), allowNetwork: true, project: 'kserve' }, noCancellation);
      assert.equal(noToken.notDiscovered?.reason, 'no-token');
      assert.equal(env.gh.requests.length, 0);
    });

    it('the report has a section for the TOC snapshots with their three checks', async () => {
      const d = await setup().discover(['kserve/kserve'], { config: env.config(), allowNetwork: true, project: 'kserve' }, noCancellation);
      const r = evidenceReport(d);
      assert.equal(r.toc?.repo, 'cncf/toc: projects/kserve/');
      assert.equal(r.toc?.passed, '3/3');
      const md = evidenceReportToMarkdown(r);
      assert.match(md, /### cncf\/toc: projects\/kserve\/ \(3\/3\)/);
      assert.match(md, /\| ✓ \| Governance Review in cncf\/toc \| Governance Review of 2025-04-15 in cncf\/toc: status Mostly Satisfactory/);
    });
  });
});
