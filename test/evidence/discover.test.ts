import assert from 'node:assert/strict';
import { noCancellation } from '../../server/src/service/host';
import { createEvidenceDiscoverer } from '../../server/src/service/evidence/discover';
import { EvidenceCache } from '../../server/src/service/evidence/cache';
import type { EvidenceItem } from '../../server/src/service/profiles/types';
import { createEvidenceGitHub } from '../../server/src/web/evidenceGitHub';
import { HEAD, NOW, useEvidenceEnv } from '../support/evidenceRepos';
import { skipWithoutShared } from '../support/docs';

const K = `https://github.com/kserve/kserve/blob/${HEAD.kserve}`;
const C = `https://github.com/kserve/community/blob/${HEAD.community}`;

describe('evidence: discovery through the GitHub API and OpenSSF', function () {
  this.timeout(30_000);
  const env = useEvidenceEnv();

  function setup(token: string | undefined = env.gh.token, cache = new EvidenceCache()) {
    const github = createEvidenceGitHub({ apiUrl: env.gh.apiUrl, ...(token ? { token } : {}) });
    return createEvidenceDiscoverer({ github, http: env.http, cache, clock: { now: () => NOW } });
  }
  const pick = (items: EvidenceItem[], repo: string, detector: string): EvidenceItem[] => items.filter((i) => i.repo === repo && i.detector === detector);

  it('finds each detector\'s evidence with pinned permalinks, in the usual places', async function () {
    skipWithoutShared(this); // the kserve SECURITY.md it serves is read from ../shared
    const d = setup();
    const r = await d.discover(['kserve/kserve', 'kserve/community'], { config: env.config(), allowNetwork: true }, noCancellation);
    assert.equal(r.notDiscovered, undefined);
    const items = r.results.flatMap((x) => x.items);
    const one = (repo: string, det: string): EvidenceItem => {
      const found = pick(items, repo, det);
      assert.equal(found.length, 1, `${repo} ${det}: ${JSON.stringify(found)}`);
      return found[0]!;
    };

    const sec = one('kserve/kserve', 'security-policy');
    assert.equal(sec.summary, 'Security policy SECURITY.md covers all 5 expected topics');
    assert.equal(sec.url, `${K}/SECURITY.md`);
    const sec2 = one('kserve/community', 'security-policy');
    assert.equal(sec2.summary, 'Security policy .github/SECURITY.md covers 3 of 5 expected topics (missing: supported versions, communication channels)');
    assert.equal(sec2.url, `${C}/.github/SECURITY.md`);
    assert.deepEqual(sec2.details?.['missing'], ['supported-versions', 'communication']);

    assert.equal(one('kserve/kserve', 'code-of-conduct').url, `${K}/CODE_OF_CONDUCT.md`);
    assert.equal(one('kserve/community', 'code-of-conduct').url, `${C}/.github/code-of-conduct.md`);
    assert.equal(one('kserve/community', 'governance').url, `${C}/GOVERNANCE.md`);
    assert.equal(one('kserve/kserve', 'governance').found, false);
    assert.deepEqual(pick(items, 'kserve/kserve', 'maintainers').map((i) => i.url), [`${K}/OWNERS`, `${K}/.github/CODEOWNERS`]);
    assert.equal(one('kserve/kserve', 'release-process').summary, 'Release process: docs/RELEASE_PROCESS.md');
    assert.equal(one('kserve/kserve', 'roadmap').url, `${K}/ROADMAP.md`);
    assert.equal(one('kserve/kserve', 'changelog').url, `${K}/CHANGELOG.md`);
    for (const repo of ['kserve/kserve', 'kserve/community']) {
      const a = one(repo, 'adopters');
      assert.equal(a.found, false);
      assert.equal(a.summary, 'No adopters file in the root, .github/ or docs/');
      assert.equal(a.url, undefined);
    }
    assert.equal(one('kserve/kserve', 'license').summary, 'License Apache-2.0 (LICENSE)');
    assert.equal(one('kserve/kserve', 'license').url, `${K}/LICENSE`);

    const badge = one('kserve/kserve', 'openssf-badge');
    assert.equal(badge.found, true);
    assert.equal(badge.summary, 'OpenSSF Best Practices badge: passing (project 6643), 7% towards silver');
    assert.equal(badge.url, `${env.ossf.bestPracticesUrl}/projects/6643`);
    assert.equal(badge.details?.['via'], 'readme');
    assert.equal(one('kserve/community', 'openssf-badge').found, false);
    assert.equal(one('kserve/kserve', 'scorecard').summary, 'OpenSSF Scorecard score 6.4/10 (2025-05-26)');
    assert.equal(one('kserve/community', 'scorecard').found, false);

    const rel = one('kserve/kserve', 'releases');
    assert.equal(rel.summary, '4 releases in the last 12 months (3 stable), latest v0.15.0 on 2025-04-20');
    assert.deepEqual(rel.details?.['dates'], ['2025-04-20', '2025-03-30', '2024-12-10', '2024-09-01']);
    assert.equal(one('kserve/community', 'releases').summary, 'No GitHub release');
    assert.equal(one('kserve/kserve', 'contributors').summary, '150 commits by 20 distinct authors in the last 12 months');
    assert.equal(one('kserve/community', 'contributors').summary, '3 commits by 2 distinct authors in the last 12 months');

    const mat = one('kserve/kserve', 'readme-maturity');
    assert.equal(mat.url, `${K}/README.md#L7`);
    assert.match(mat.summary, /^README\.md states the maturity level "incubation" \(line 7: /);
    assert.equal(one('kserve/community', 'readme-maturity').found, false);
    assert.equal(one('kserve/kserve', 'community-channels').summary, 'README.md lists community channels: Slack, community meeting');
  });

  it('costs 4 GitHub requests cold for 2 repositories (facts, a second history page, texts, their owner\'s .project) and none warm; the token goes to the API only', async () => {
    const cache = new EvidenceCache();
    const config = env.config();
    const cold = await setup(env.gh.token, cache).discover(['kserve/kserve', 'kserve/community'], { config, allowNetwork: true }, noCancellation);
    assert.ok(cold.results.every((r) => !r.fromCache));
    assert.equal(env.gh.requests.length, 4);
    assert.match(cold.project?.error ?? '', /no project metadata repository \(kserve\/\.project\)/);
    assert.ok(env.gh.requests.every((r) => r.path === '/graphql' && r.authorization === `token ${env.gh.token}`));
    // badge JSON + scorecard for kserve; search + scorecard for community
    assert.equal(env.ossf.requests.length, 4);
    assert.ok(env.ossf.requests.every((r) => r.headers.authorization === undefined));

    env.gh.reset();
    env.ossf.reset();
    const warm = await setup(env.gh.token, cache).discover(['kserve/kserve', 'kserve/community'], { config, allowNetwork: true }, noCancellation);
    assert.equal(env.gh.requests.length, 0);
    assert.equal(env.ossf.requests.length, 0);
    assert.ok(warm.results.every((r) => r.fromCache));
    assert.deepEqual(warm.results.map((r) => r.items), cold.results.map((r) => r.items));

    // persisted the way the link cache is: a new cache loaded from the saved text answers too
    const again = new EvidenceCache();
    // the two repositories and the look-up of kserve/.project
    assert.equal(again.loadJSON(cache.serialize(NOW.getTime()), NOW.getTime()), 3);
    const fromDisk = await setup(env.gh.token, again).discover(['kserve/kserve'], { config, allowNetwork: true }, noCancellation);
    assert.equal(env.gh.requests.length, 0);
    assert.ok(fromDisk.results[0]!.fromCache);
  });

  it('asks nothing when untrusted, turned off, or without a token, and says why', async () => {
    const config = env.config();
    const untrusted = await setup().discover(['kserve/kserve'], { config, allowNetwork: false }, noCancellation);
    assert.equal(untrusted.notDiscovered?.reason, 'untrusted');
    const off = structuredClone(config);
    off.links.enabled = false;
    assert.equal((await setup().discover(['kserve/kserve'], { config: off, allowNetwork: true }, noCancellation)).notDiscovered?.reason, 'offline');
    const noToken = await setup('').discover(['kserve/kserve'], { config, allowNetwork: true }, noCancellation);
    assert.equal(noToken.notDiscovered?.reason, 'no-token');
    assert.match(noToken.notDiscovered!.message, /needs a GitHub token/);
    assert.equal(env.gh.requests.length, 0);
    assert.equal(env.ossf.requests.length, 0);
  });

  it('reports a spent rate limit with its reset time and caches nothing', async () => {
    const reset = new Date(Date.now() + 1800_000);
    env.gh.exhaust(reset);
    try {
      const cache = new EvidenceCache();
      const r = await setup(env.gh.token, cache).discover(['kserve/kserve'], { config: env.config(), allowNetwork: true }, noCancellation);
      assert.equal(r.notDiscovered?.reason, 'rate-limited');
      assert.equal(r.results.length, 0);
      assert.equal(cache.size, 0);
    } finally {
      env.gh.restore();
    }
  });

  it('a repository that does not exist is reported, the others still examined', async () => {
    const r = await setup().discover(['kserve/kserve', 'kserve/nope'], { config: env.config(), allowNetwork: true }, noCancellation);
    assert.equal(r.results.length, 2);
    assert.match(r.results[1]!.error ?? '', /kserve\/nope not found/);
    assert.ok(r.results[0]!.items.length > 10);
  });

  it('without a token: "needs a GitHub token" is logged once, not on every analysis', async () => {
    const lines: string[] = [];
    const logger = { debug: () => {}, info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) };
    const d = createEvidenceDiscoverer({ github: undefined, http: env.http, cache: new EvidenceCache(), clock: { now: () => NOW }, logger });
    for (let i = 0; i < 4; i++) {
      const r = await d.discover(['kserve/kserve'], { config: env.config(), allowNetwork: true }, noCancellation);
      assert.equal(r.notDiscovered?.reason, 'no-token');
    }
    assert.deepEqual(lines.filter((l) => /needs a GitHub token/.test(l)).length, 1, lines.join('\n'));
  });
});
