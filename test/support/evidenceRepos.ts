/**
 * Repositories shaped like a real project's (KServe's, trimmed) for evidence discovery tests, and
 * a fake OpenSSF API (Best Practices + Scorecard) on 127.0.0.1.
 *
 * kserve/kserve: README with a Best Practices badge (project 6643, "passing"), "CNCF incubating
 *   project", Slack and community meeting; the real SECURITY.md at the root; LICENSE (Apache-2.0);
 *   CODE_OF_CONDUCT.md; OWNERS; .github/CODEOWNERS; ROADMAP.md; docs/RELEASE_PROCESS.md;
 *   CHANGELOG.md; 6 releases (4 in the 12 months before NOW, one a prerelease); 150 commits by 20
 *   authors in the last 12 months (two pages of history) and older ones; Scorecard 6.4.
 * kserve/community: README (no badge, no maturity); .github/SECURITY.md that misses supported
 *   versions and communication channels; GOVERNANCE.md, MAINTAINERS.md, CONTRIBUTING.md at the root,
 *   .github/code-of-conduct.md (lower case); no adopters file anywhere; no release; 3 commits;
 *   a Best Practices project found by search that is in progress (84% towards passing); no
 *   Scorecard result.
 * kserve/kserve's Best Practices answer has the per-level percentages (passing, 7% towards
 *   silver); its Scorecard answer has checks (SCORECARD_CHECKS: no SAST among them).
 * useEvidenceEnv serves cncf/toc too (tocRepo.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HAVE_SHARED, ROOT } from './docs';
import type { DiligenceConfig } from '../../server/src/service/config';
import type { NodeHttpClient } from '../../server/src/node/httpClient';
import { repo, sha, type FakeGitHub, type FakeRepo } from './fakeGitHub';
import { startHttpFixture, type HttpFixture } from './httpFixture';
import { linkConfig, useLinkEnv } from './linkEnv';
import { tocRepo } from './tocRepo';

export const NOW = new Date('2025-06-01T12:00:00Z');
export const SECURITY_SEED = join(ROOT, '..', 'shared', 'seeds', 'kserve-SECURITY.md');
/** '' without ../shared (the tests that read it are skipped: see needsShared) */
export const kserveSecurity = (): string => (HAVE_SHARED ? readFileSync(SECURITY_SEED, 'utf8') : '');

export const PARTIAL_SECURITY = `# Security Policy

## Reporting a Vulnerability

Please report vulnerabilities privately to kserve-security@lists.lfaidata.foundation or through a
[GitHub Security Advisory](https://github.com/kserve/community/security/advisories/new).

## Disclosure Process

We acknowledge reports within 3 business days and agree on an embargo date with the reporter.

## Prevention

All changes are reviewed; dependencies are kept up to date by Dependabot and images are scanned.
`;

export const KSERVE_README = `# KServe

[![OpenSSF Best Practices](https://www.bestpractices.dev/projects/6643/badge)](https://www.bestpractices.dev/projects/6643)

KServe provides a Kubernetes Custom Resource Definition for serving predictive and generative models.

KServe is a [Cloud Native Computing Foundation](https://cncf.io) incubating project.

## Community

- Join the [#kserve Slack channel](https://cloud-native.slack.com/archives/C06AH2C3K8B)
- Our bi-weekly community meeting is on Thursdays.
`;

export const COMMUNITY_README = `# KServe Community

Governance, membership and processes of the KServe project.
`;

export const HEAD = { kserve: sha('kserve/kserve@master'), community: sha('kserve/community@main') };

function commitsFrom(n: number, authors: number, from: Date, stepHours: number): Array<{ date: string; login?: string; email: string }> {
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(from.getTime() - i * stepHours * 3600_000).toISOString(),
    ...(i % authors === 0 ? {} : { login: `dev${i % authors}` }),
    email: `dev${i % authors}@example.com`,
  }));
}

/** `now`: the clock of the code under test (the CLI uses the real one): dates move with it. */
export function evidenceRepos(now: Date = NOW): FakeRepo[] {
  const shift = now.getTime() - NOW.getTime();
  const at = (iso: string): string => new Date(new Date(iso).getTime() + shift).toISOString();
  const commits = (n: number, authors: number, from: Date, stepHours: number) => commitsFrom(n, authors, new Date(from.getTime() + shift), stepHours);
  return [
    repo('kserve/kserve', {
      'README.md': KSERVE_README,
      'SECURITY.md': kserveSecurity(),
      'LICENSE': 'Apache License\nVersion 2.0, January 2004\n',
      'CODE_OF_CONDUCT.md': '# Code of Conduct\n\nWe follow the CNCF Code of Conduct.\n',
      'OWNERS': 'approvers:\n- alice\n- bob\n',
      '.github/CODEOWNERS': '* @kserve/maintainers\n',
      'ROADMAP.md': '# Roadmap\n',
      'CHANGELOG.md': '# Changelog\n',
      'docs/RELEASE_PROCESS.md': '# Release process\n',
      'docs/samples/README.md': '# Samples\n',
      'python/kserve/setup.py': '',
    }, {
      defaultBranch: 'master',
      branches: { master: HEAD.kserve },
      license: { spdxId: 'Apache-2.0', name: 'Apache License 2.0' },
      releaseList: [
        { tag: 'v0.15.0', publishedAt: at('2025-04-20T10:00:00Z') },
        { tag: 'v0.15.0-rc1', publishedAt: at('2025-03-30T10:00:00Z'), prerelease: true },
        { tag: 'v0.14.1', publishedAt: at('2024-12-10T10:00:00Z') },
        { tag: 'v0.14.0', publishedAt: at('2024-09-01T10:00:00Z') },
        { tag: 'v0.13.1', publishedAt: at('2024-05-30T10:00:00Z') },
        { tag: 'v0.13.0', publishedAt: at('2024-05-15T10:00:00Z') },
      ],
      // 150 commits by 20 authors within the year, then 40 older ones
      history: [...commits(150, 20, new Date('2025-05-30T00:00:00Z'), 50), ...commits(40, 5, new Date('2024-04-01T00:00:00Z'), 24)],
    }),
    repo('kserve/community', {
      'README.md': COMMUNITY_README,
      '.github/SECURITY.md': PARTIAL_SECURITY,
      'GOVERNANCE.md': '# Governance\n',
      'MAINTAINERS.md': '# Maintainers\n',
      'CONTRIBUTING.md': '# Contributing\n',
      '.github/code-of-conduct.md': '# CoC\n',
      'KSERVE-TECHNICAL-CHARTER.md': '# Charter\n',
    }, {
      branches: { main: HEAD.community },
      license: { spdxId: 'Apache-2.0', name: 'Apache License 2.0' },
      history: commits(3, 2, new Date('2025-05-01T00:00:00Z'), 24),
    }),
  ];
}

/** Checks shaped like the Scorecard API's (name, score, reason, details, documentation), invented figures. */
export const SCORECARD_CHECKS = [
  { name: 'Binary-Artifacts', score: 10, reason: 'no binaries found in the repo', details: null, documentation: { short: 'Determines if the project has generated executable artifacts.', url: 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#binary-artifacts' } },
  { name: 'Branch-Protection', score: 3, reason: 'branch protection is not maximal on development and all release branches', details: ['Warn: required approving review count is 1 on branch \'master\''], documentation: { short: 'Determines if the default and release branches are protected.', url: 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#branch-protection' } },
  { name: 'CI-Tests', score: 9, reason: '27 out of 29 merged PRs checked by a CI test -- score normalized to 9', details: null, documentation: { short: 'Runs tests before merging.', url: 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#ci-tests' } },
  { name: 'Token-Permissions', score: 0, reason: 'detected GitHub workflow tokens with excessive permissions', details: ['Warn: no topLevel permission defined'], documentation: { short: 'Determines if tokens are read-only.', url: 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#token-permissions' } },
  // SAST is left out: "not in the result"
  { name: 'Fuzzing', score: -1, reason: 'internal error: could not fetch', details: null, documentation: { short: 'Fuzzing.', url: 'javascript:alert(1)' } },
];

/** Best Practices at `origin`, Scorecard at `origin/sc`. */
/** A DevStats CompaniesTable answer shaped like the API's (cncf/devstatscode API.md), invented figures. */
export const DEVSTATS_KSERVE = { project: 'kserve', db_name: 'kserve', range: 'Last year', metric: 'Commits', rank: [0, 1, 2, 3, 4], company: ['All', 'Acme Corp', 'Globex', '(Unknown)', 'Initech'], number: [500, 220, 140, 90, 50] };

/** DevStats at `origin/devstats`: POST {api: 'CompaniesTable', payload: {project…}}; kserve known, others an error. */
export const devstatsRoute: import('./httpFixture').Route = (req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    const q = JSON.parse(body || '{}') as { api?: string; payload?: { project?: string; range?: string; metric?: string } };
    const ok = req.method === 'POST' && q.api === 'CompaniesTable' && q.payload?.range === 'Last year' && q.payload.metric === 'Commits';
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok && q.payload?.project === 'kserve' ? DEVSTATS_KSERVE : { error: `project '${q.payload?.project ?? ''}' not found` }));
  });
};

export async function startFakeOpenSsf(): Promise<HttpFixture & { bestPracticesUrl: string; scorecardUrl: string; devstatsUrl: string }> {
  const json = (status: number, data: unknown) => (_q: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(data));
  };
  const fx = await startHttpFixture({
    routes: {
      '/projects/6643.json': json(200, { id: 6643, name: 'kserve', badge_level: 'passing', badge_percentage_0: 100, badge_percentage_1: 7, badge_percentage_2: 0, tiered_percentage: 107, repo_url: 'https://github.com/kserve/kserve' }),
      '/projects.json': (_q, res, url) => {
        const want = url.searchParams.get('url');
        const list = want === 'https://github.com/kserve/kserve' ? [{ id: 6643, badge_level: 'passing', repo_url: 'https://github.com/kserve/kserve' }]
          : want === 'https://github.com/kserve/community' ? [{ id: 9000, badge_level: 'in_progress', badge_percentage_0: 84, badge_percentage_1: 0, badge_percentage_2: 0, tiered_percentage: 84, repo_url: 'https://github.com/kserve/community.git' }]
            : [];
        json(200, list)(_q, res);
      },
      '/sc/projects/github.com/kserve/kserve': json(200, { date: '2025-05-26T00:00:00Z', repo: { name: 'github.com/kserve/kserve', commit: HEAD.kserve }, scorecard: { version: 'v5.1.1', commit: 'ab12' }, score: 6.4, checks: SCORECARD_CHECKS }),
      '/sc/projects/github.com/kserve/community': json(404, { code: 404, message: 'not found' }),
      '/devstats': devstatsRoute,
    },
  });
  return Object.assign(fx, { bestPracticesUrl: fx.origin, scorecardUrl: `${fx.origin}/sc`, devstatsUrl: `${fx.origin}/devstats` });
}

export type OpenSsf = Awaited<ReturnType<typeof startFakeOpenSsf>>;

export interface EvidenceEnv {
  readonly gh: FakeGitHub;
  readonly ossf: OpenSsf;
  readonly http: NodeHttpClient;
  /** settings pointing at the fakes (loopback allowed) */
  config(): DiligenceConfig;
}

/** Call inside a `describe`: the link-test servers (fake GitHub…) plus a fake OpenSSF, reset before each test. */
export function useEvidenceEnv(): EvidenceEnv {
  const links = useLinkEnv(() => [...evidenceRepos(), tocRepo()]);
  let ossf: OpenSsf | undefined;
  before(async () => {
    ossf = await startFakeOpenSsf();
  });
  after(async () => {
    await ossf?.close();
  });
  beforeEach(() => ossf?.reset());
  return {
    get gh() { return links.gh; },
    get ossf() { return ossf!; },
    get http() { return links.http; },
    config() {
      const c = linkConfig(links.gh.apiUrl);
      c.openssf = { bestPracticesUrl: ossf!.bestPracticesUrl, scorecardUrl: ossf!.scorecardUrl };
      c.evidence.devstatsUrl = ossf!.devstatsUrl;
      return c;
    },
  };
}
