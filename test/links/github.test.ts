import assert from 'node:assert/strict';
import { noCancellation } from '../../server/src/service/host';
import { analyseText } from '../../server/src/service/model/index';
import { createLinkChecker, linksToCheck, type LinkReport } from '../../server/src/service/links/checker';
import { LinkCache } from '../../server/src/service/links/cache';
import { linkFindings } from '../../server/src/service/links/findings';
import { createGitHubClient } from '../../server/src/web/githubClient';
import { repo, sha } from '../support/fakeGitHub';
import { startHttpFixture } from '../support/httpFixture';
import { linkConfig, useLinkEnv } from '../support/linkEnv';
import { formatLocalTime } from '../../server/src/service/text/localTime';

const OWNERS = Array.from({ length: 20 }, (_, i) => `- maintainer${i}`).join('\n') + '\n';

const G = 'https://github.com';
const links = {
  charterTypo: `${G}/kserve/community/blob/main/KSERVE-TECHICAL-CHARTER.md`,
  charter: `${G}/kserve/community/blob/main/KSERVE-TECHNICAL-CHARTER.md`,
  committer: `${G}/kserve/community/blob/main/CONTRIBUTING.md#becoming-a-committer`,
  committerTypo: `${G}/kserve/community/blob/main/CONTRIBUTING.md#becoming-a-commiter`,
  readmeAnchor: `${G}/kserve/community/tree/main?tab=readme-ov-file#community-meeting`,
  repoAnchor: `${G}/kserve/community#community-meeting`,
  ownersLines: `${G}/kserve/kserve/blob/master/OWNERS#L3-L5`,
  ownersPastEnd: `${G}/kserve/kserve/blob/master/OWNERS#L50`,
  pinned: `${G}/kserve/kserve/blob/${sha('kserve/kserve@master')}/OWNERS`,
  tagged: `${G}/kserve/kserve/blob/v0.13.0/SECURITY.md`,
  pr: `${G}/kserve/kserve/pull/3966`,
  prMissing: `${G}/kserve/kserve/pull/99999`,
  issue: `${G}/kserve/community/issues/10`,
  release: `${G}/kserve/kserve/releases/tag/v0.13.0`,
  archived: `${G}/kserve/old-thing`,
  noRepo: `${G}/kserve/does-not-exist`,
  discussion: `${G}/kserve/kserve/discussions/7`,
};

function repos() {
  return [
    repo('kserve/community', {
      'README.md': '# KServe Community\n\n## Community Meeting\n\ntext\n',
      'KSERVE-TECHNICAL-CHARTER.md': '# Charter\n',
      'CONTRIBUTING.md': '# Contributing\n\n## Code of Conduct\n\n## Becoming a Committer\n',
      'security/self-assessment.md': '# Self assessment\n',
    }, { issues: { 10: { state: 'OPEN' }, 18: { state: 'MERGED', pull: true } } }),
    repo('kserve/kserve', { 'OWNERS': OWNERS, 'SECURITY.md': '# Security\n' }, {
      defaultBranch: 'master',
      branches: { master: sha('kserve/kserve@master') },
      tags: { 'v0.13.0': sha('kserve/kserve@v0.13.0') },
      releases: ['v0.13.0'],
      issues: { 3966: { state: 'MERGED', pull: true } },
      discussions: [7],
    }),
    repo('kserve/old-thing', { 'README.md': '# old\n' }, { archived: true }),
  ];
}

describe('links: GitHub objects through the API', function () {
  this.timeout(30_000);
  const env = useLinkEnv(repos);
  const config = linkConfig;

  function setup(opts: { token?: string; apiUrl?: string; cache?: LinkCache } = {}) {
    const apiUrl = opts.apiUrl ?? env.gh.apiUrl;
    const github = createGitHubClient({ apiUrl, ...(opts.token !== undefined ? { token: opts.token } : {}) });
    const cache = opts.cache ?? new LinkCache();
    const checker = createLinkChecker({ http: env.http, github, cache, githubWebHosts: ['github.com'], retryDelayMs: 0 });
    const check = async (urls: string[], cfg = config(apiUrl)): Promise<LinkReport> => {
      const model = analyseText('# Doc\n\n' + urls.map((u) => `- <${u}>`).join('\n') + '\n');
      return checker.check(linksToCheck(model.links), { documentUri: 'file:///ws/doc.md', config: cfg }, noCancellation);
    };
    return { github, cache, checker, check };
  }
  const codes = (r: LinkReport, url: string): string[] => (r.results.get(url)?.problems ?? []).map((p) => p.code);

  function assertVerdicts(r: LinkReport): void {
    assert.deepEqual(codes(r, links.charterTypo), ['link-broken']);
    assert.equal(r.results.get(links.charterTypo)?.problems[0]?.replacement, links.charter);
    assert.deepEqual(codes(r, links.charter), ['link-unpinned']);
    assert.deepEqual(codes(r, links.committer), ['link-unpinned']);
    const frag = r.results.get(links.committerTypo)!.problems.find((p) => p.code === 'link-fragment');
    assert.equal(frag?.replacement, links.committer.replace('/blob/main/', '/blob/main/'));
    assert.deepEqual(codes(r, links.readmeAnchor), ['link-unpinned']);
    assert.deepEqual(codes(r, links.repoAnchor), []);
    const pin = r.results.get(links.ownersLines)!.problems.find((p) => p.code === 'link-unpinned')!;
    assert.equal(pin.replacement, `${G}/kserve/kserve/blob/${sha('kserve/kserve@master')}/OWNERS#L3-L5`);
    assert.equal(pin.replacementTitle, `Pin to commit ${sha('kserve/kserve@master').slice(0, 7)}`);
    assert.ok(codes(r, links.ownersPastEnd).includes('link-fragment'));
    assert.deepEqual(codes(r, links.pinned), []);
    assert.deepEqual(codes(r, links.tagged), []);
    assert.deepEqual(codes(r, links.pr), []);
    assert.deepEqual(codes(r, links.prMissing), ['link-broken']);
    assert.deepEqual(codes(r, links.issue), []);
    assert.deepEqual(codes(r, links.release), []);
    assert.deepEqual(codes(r, links.archived), ['link-archived']);
    assert.deepEqual(codes(r, links.noRepo), ['link-broken']);
  }

  it('with a token: one GraphQL request for the whole document (+ one tree for the suggestion), validated against the real schema', async () => {
    const { check } = setup({ token: env.gh.token });
    const r = await check(Object.values(links));
    assertVerdicts(r);
    assert.deepEqual(codes(r, links.discussion), []);
    const graphqlRequests = env.gh.requests.filter((q) => q.path === '/graphql');
    assert.equal(graphqlRequests.length, 1);
    assert.equal(env.gh.requests.length, 2, env.gh.requests.map((q) => q.path).join(', '));
    assert.ok(env.gh.requests.some((q) => q.path.includes('/git/trees/main')));
  });

  it('a re-check within the TTL costs no request; after reload from JSON neither', async () => {
    const { check, cache } = setup({ token: env.gh.token });
    await check(Object.values(links));
    const n = env.gh.requests.length;
    const r = await check(Object.values(links));
    assertVerdicts(r);
    assert.equal(env.gh.requests.length, n);
    const json = cache.serialize();
    assert.ok(!json.includes(env.gh.token), 'no token in the cache');
    const again = setup({ token: env.gh.token, cache: (() => { const c = new LinkCache(); c.loadJSON(json); return c; })() });
    await again.check(Object.values(links));
    assert.equal(env.gh.requests.length, n);
  });

  it('without a token: REST (one request per object, repositories shared), no Authorization, conditional on re-check', async () => {
    const { check } = setup();
    const r = await check(Object.values(links));
    assertVerdicts(r);
    const cold = env.gh.requests.length;
    assert.ok(env.gh.requests.every((q) => q.authorization === undefined));
    assert.ok(!env.gh.requests.some((q) => q.path === '/graphql'));
    env.gh.reset();
    // TTL 0: nothing cached, every answer revalidated with its ETag
    const { check: check2, github } = setup();
    void github;
    await check2(Object.values(links), config(env.gh.apiUrl, { cacheTtl: 0 }));
    assert.ok(cold > 0);
    assert.equal(env.gh.requests.filter((q) => q.conditional).length, 0, 'a new client has no ETags yet');
    const { check: check3, github: g3 } = setup();
    await check3(Object.values(links), config(env.gh.apiUrl, { cacheTtl: 0 }));
    env.gh.reset();
    await check3(Object.values(links), config(env.gh.apiUrl, { cacheTtl: 0 }));
    void g3;
    // what existed is revalidated (304, free of rate limit for authenticated clients); 404s carry no ETag
    assert.ok(env.gh.requests.filter((q) => q.status === 304).length >= 15);
    assert.ok(env.gh.requests.every((q) => (q.conditional && q.status === 304) || q.status === 404));
  });

  it('GitHub Enterprise form: REST under /api/v3, GraphQL at /api/graphql', async () => {
    const { check } = setup({ token: env.gh.token, apiUrl: env.gh.gheApiUrl });
    const r = await check([links.charterTypo, links.pr]);
    assert.deepEqual(codes(r, links.pr), []);
    assert.ok(env.gh.requests.some((q) => q.rawPath === '/api/graphql'));
    assert.ok(env.gh.requests.some((q) => q.rawPath.startsWith('/api/v3/repos/')));
  });

  it('the token goes to the API origin only: not to web pages, not through an API redirect', async () => {
    const other = await startHttpFixture();
    try {
      env.gh.redirectRepo('kserve/moved', `${other.origin}/ok`);
      const client = createGitHubClient({ apiUrl: env.gh.apiUrl, token: env.gh.token });
      await client.listPaths('kserve', 'moved', 'main', noCancellation);
      assert.ok(env.gh.requests.length > 0 && env.gh.requests.every((q) => q.authorization === `token ${env.gh.token}`));
      assert.equal(other.requests.length, 0, 'the redirect is not followed');
      const { check } = setup({ token: env.gh.token });
      await check([links.pr, `${env.web.origin}/ok`, `${env.web.origin}/redirect?to=${encodeURIComponent(env.gh.apiUrl + '/repos/kserve/kserve')}`]);
      for (const q of env.web.requests) assert.equal(q.headers.authorization, undefined);
      for (const q of env.gh.requests.filter((x) => x.path === '/repos/kserve/kserve')) assert.equal(q.authorization, undefined, 'a web redirect into the API carries no token');
    } finally {
      await other.close();
    }
  });

  it('a 500 is retried once', async () => {
    const { check } = setup({ token: env.gh.token });
    env.gh.failNext(1);
    const r = await check([links.pr, links.prMissing]);
    assert.deepEqual(codes(r, links.pr), []);
    assert.deepEqual(codes(r, links.prMissing), ['link-broken']);
  });

  it('rate limit exhausted: one links-not-checked with the reset time, then no request until the reset', async () => {
    for (const token of [env.gh.token, undefined]) {
      env.gh.reset();
      const reset = new Date(Date.now() + 1800_000);
      env.gh.exhaust(reset);
      const { check } = setup(token ? { token } : {});
      const urls = [links.pr, links.issue, links.charter, links.archived];
      const r = await check(urls);
      assert.equal(r.notChecked?.reason, 'rate-limited');
      // in the reviewer's time zone, with its offset
      assert.ok(r.notChecked!.message.includes(`resets at ${formatLocalTime(reset.getTime())}`), r.notChecked!.message);
      const model = analyseText('# Doc\n\n' + urls.map((u) => `- <${u}>`).join('\n') + '\n');
      const findings = linkFindings(model, r);
      assert.deepEqual(findings.map((f) => f.code), ['links-not-checked']);
      const n = env.gh.requests.length;
      assert.ok(n <= 4, `few requests before giving up (${n})`);
      await check([links.release]);
      assert.equal(env.gh.requests.length, n, 'no request while the limit lasts');
      env.gh.restore();
    }
  });

  it('findings carry the replacements on the URL span', async () => {
    const { checker } = setup({ token: env.gh.token });
    const text = `# Doc\n\nSee the [charter](${links.charterTypo}) and <${links.ownersLines}>.\n`;
    const model = analyseText(text);
    const report = await checker.check(linksToCheck(model.links), { documentUri: 'file:///ws/doc.md', config: config(env.gh.apiUrl) }, noCancellation);
    const findings = linkFindings(model, report);
    const broken = findings.find((f) => f.code === 'link-broken')!;
    assert.equal(text.slice(broken.span.start, broken.span.end), links.charterTypo);
    assert.equal(broken.data?.replacement, links.charter);
    const unpinned = findings.find((f) => f.code === 'link-unpinned')!;
    assert.equal(text.slice(unpinned.span.start, unpinned.span.end), links.ownersLines);
    assert.match(unpinned.data!.replacement!, /\/blob\/[0-9a-f]{40}\/OWNERS#L3-L5$/);
  });
});
