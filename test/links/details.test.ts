/**
 * What a link's check says beyond its problems: the one-line description GitHub gives (file at
 * branch@sha, PR merged on…), the final URL, when it was checked (the hover shows them), and
 * branch names with slashes, which a URL cannot tell apart from the path.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { noCancellation } from '../../server/src/service/host';
import { analyseText } from '../../server/src/service/model/index';
import { createLinkChecker, linksToCheck, type LinkReport } from '../../server/src/service/links/checker';
import { LinkCache } from '../../server/src/service/links/cache';
import { describeLinkResult } from '../../server/src/service/links/findings';
import { pinUrl } from '../../server/src/service/links/githubUrl';
import { createDiligenceService } from '../../server/src/service/index';
import { createGitHubClient } from '../../server/src/web/githubClient';
import { repo, sha } from '../support/fakeGitHub';
import { linkConfig, useLinkEnv } from '../support/linkEnv';
import { formatLocalTime } from '../../server/src/service/text/localTime';

const G = 'https://github.com';
const MAIN = sha('acme/rocket@main');
const REL = sha('acme/rocket@release/v1.2');

function repos() {
  return [
    repo('acme/rocket', { 'README.md': '# Rocket\n', 'docs/SECURITY.md': '# Security\n\n## Reporting\n' }, {
      branches: { main: MAIN, 'release/v1.2': REL },
      tags: { 'v1.0.0': sha('acme/rocket@v1.0.0') },
      issues: {
        12: { state: 'MERGED', pull: true, title: 'Add a security policy', closedAt: '2025-03-04T10:00:00Z' },
        13: { state: 'OPEN', title: 'Adopters file' },
        14: { state: 'CLOSED', title: 'Old idea', closedAt: '2024-12-01T00:00:00Z' },
        15: { state: 'OPEN', title: '![t](https://evil.example/p.png) [click](https://evil.example/x) <img src=x> `code` https://evil.example/y' },
      },
    }),
    repo('acme/attic', { 'README.md': '# Attic\n' }, { archived: true }),
  ];
}

describe('links: what a check found (hover details) and branch names with slashes', function () {
  this.timeout(30_000);
  const env = useLinkEnv(repos);
  const config = linkConfig;

  for (const mode of ['GraphQL (token)', 'REST (anonymous)'] as const) {
    describe(mode, () => {
      async function check(urls: string[]): Promise<LinkReport> {
        const github = createGitHubClient({ apiUrl: env.gh.apiUrl, ...(mode === 'GraphQL (token)' ? { token: env.gh.token } : {}) });
        const checker = createLinkChecker({ http: env.http, github, cache: new LinkCache(), githubWebHosts: ['github.com'], retryDelayMs: 0 });
        const model = analyseText('# Doc\n\n' + urls.map((u) => `- <${u}>`).join('\n') + '\n');
        return checker.check(linksToCheck(model.links), { documentUri: 'file:///ws/doc.md', config: config(env.gh.apiUrl) }, noCancellation);
      }

      it('describes GitHub objects in one line: file at branch@sha, PR merged on, issue open/closed, archived', async () => {
        const urls = {
          file: `${G}/acme/rocket/blob/main/README.md`,
          tag: `${G}/acme/rocket/blob/v1.0.0/README.md`,
          commit: `${G}/acme/rocket/blob/${MAIN}/README.md`,
          pr: `${G}/acme/rocket/pull/12`,
          open: `${G}/acme/rocket/issues/13`,
          closed: `${G}/acme/rocket/issues/14`,
          archived: `${G}/acme/attic`,
        };
        const r = await check(Object.values(urls));
        const summary = (u: string): string | undefined => r.results.get(u)?.summary;
        assert.equal(summary(urls.file), `File README.md at main@${MAIN.slice(0, 7)} (branch)`);
        assert.equal(summary(urls.tag), 'File README.md at tag v1.0.0');
        assert.equal(summary(urls.commit), `File README.md at commit ${MAIN.slice(0, 7)}`);
        assert.equal(summary(urls.pr), 'Pull request #12 "Add a security policy" · merged on 2025-03-04');
        assert.equal(summary(urls.open), 'Issue #13 "Adopters file" · open');
        assert.equal(summary(urls.closed), 'Issue #14 "Old idea" · closed on 2024-12-01');
        assert.equal(summary(urls.archived), 'Repository acme/attic · repository archived');
        for (const u of Object.values(urls)) assert.equal(typeof r.results.get(u)?.checkedAt, 'number', u);
      });

      it('a branch whose name has a slash is found, and pinning replaces the whole branch name', async () => {
        const url = `${G}/acme/rocket/blob/release/v1.2/docs/SECURITY.md#reporting`;
        const r = await check([url]);
        const res = r.results.get(url)!;
        assert.deepEqual(res.problems.map((p) => p.code), ['link-unpinned'], JSON.stringify(res.problems));
        assert.equal(res.problems[0]!.replacement, `${G}/acme/rocket/blob/${REL}/docs/SECURITY.md#reporting`);
        assert.equal(res.summary, `File docs/SECURITY.md at release/v1.2@${REL.slice(0, 7)} (branch)`);
      });

      it('a path that is missing at a slashed branch is still broken (with the branch named right)', async () => {
        const url = `${G}/acme/rocket/blob/release/v1.2/docs/NOPE.md`;
        const r = await check([url]);
        const p = r.results.get(url)!.problems;
        assert.deepEqual(p.map((x) => x.code), ['link-broken']);
        assert.match(p[0]!.message, /docs\/NOPE\.md does not exist in acme\/rocket at release\/v1\.2/);
      });

      it('a ref that does not exist under any split is reported as such', async () => {
        const url = `${G}/acme/rocket/blob/nobranch/docs/SECURITY.md`;
        const r = await check([url]);
        const p = r.results.get(url)!.problems;
        assert.deepEqual(p.map((x) => x.code), ['link-broken']);
        assert.match(p[0]!.message, /no branch, tag or commit "nobranch"/);
      });
    });
  }

  it('web pages: status, redirect count and final URL', async () => {
    const github = createGitHubClient({ apiUrl: env.gh.apiUrl });
    const checker = createLinkChecker({ http: env.http, github, cache: new LinkCache(), githubWebHosts: ['github.com'], retryDelayMs: 0 });
    const moved = `${env.web.origin}/moved`;
    const model = analyseText(`# Doc\n\n- <${moved}>\n- <${env.web.origin}/ok>\n`);
    const r = await checker.check(linksToCheck(model.links), { documentUri: 'file:///ws/doc.md', config: config(env.gh.apiUrl) }, noCancellation);
    const m = r.results.get(moved)!;
    assert.equal(m.summary, 'HTTP 200 after 1 redirect');
    assert.equal(m.finalUrl, `${env.web.origin}/ok`);
    assert.equal(r.results.get(`${env.web.origin}/ok`)!.summary, 'HTTP 200');
    assert.equal(r.results.get(`${env.web.origin}/ok`)!.finalUrl, undefined);
  });

  it('the hover on a link shows status, description, final URL and when it was checked', async () => {
    const github = createGitHubClient({ apiUrl: env.gh.apiUrl, token: env.gh.token });
    const checker = createLinkChecker({ http: env.http, github, cache: new LinkCache(), githubWebHosts: ['github.com'], retryDelayMs: 0 });
    const t0 = Date.now();
    const service = createDiligenceService({ linkChecker: checker, config: config(env.gh.apiUrl), clock: { now: () => new Date(t0 + 5 * 60_000) } });
    const text = `# Rocket Due Diligence\n\n## Security\n\n- [x] **Policy**\n\n  Evidence: [PR](${G}/acme/rocket/pull/12)\n`;
    const doc = TextDocument.create('file:///ws/rocket.md', 'markdown', 1, text);
    await service.checkLinks(doc, { allowNetwork: true }, noCancellation);
    const line = text.split('\n').findIndex((l) => l.includes('[PR]'));
    const h = service.hover(doc, { line, character: 14 })!;
    const value = (h.contents as { value: string }).value;
    assert.match(value, /\*\*Status:\*\* ✓ no problem found · Pull request #12 "Add a security policy" · merged on 2025-03-04/);
    assert.match(value, /\*\*Checked:\*\* 5 min ago \(\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it('a pull request title (chosen by whoever opened it) is shown as text in the hover, never as an image or a link', async () => {
    const github = createGitHubClient({ apiUrl: env.gh.apiUrl, token: env.gh.token });
    const checker = createLinkChecker({ http: env.http, github, cache: new LinkCache(), githubWebHosts: ['github.com'], retryDelayMs: 0 });
    const service = createDiligenceService({ linkChecker: checker, config: config(env.gh.apiUrl) });
    const text = `# Rocket Due Diligence\n\n## Security\n\n- [x] **Policy**\n\n  Evidence: [PR](${G}/acme/rocket/pull/15)\n`;
    const doc = TextDocument.create('file:///ws/rocket.md', 'markdown', 1, text);
    await service.checkLinks(doc, { allowNetwork: true }, noCancellation);
    const line = text.split('\n').findIndex((l) => l.includes('[PR]'));
    const value = (service.hover(doc, { line, character: 14 })!.contents as { value: string }).value;
    const status = value.split('\n').find((l) => l.startsWith('**Status:**'))!;
    assert.ok(status.includes('Pull request #15'), status);
    assert.doesNotMatch(status, /(?<!\\)[![\]()<>`]/u, `every markdown character of the title is escaped: ${status}`);
    assert.ok(!status.includes('https://'), 'no bare URL a renderer would link');
  });

  it('describeLinkResult: problems listed, final URL escaped, cache noted, not-checked explained', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    const text = describeLinkResult({ url: 'u', problems: [{ code: 'link-redirected', message: 'Permanently redirected to x.' }], fromCache: true, checkedAt: now - 3 * 3600_000, summary: 'HTTP 200 after 1 redirect', finalUrl: 'https://e.example/a_b*' }, now);
    assert.equal(text, [
      '**Status:** `link-redirected` · HTTP 200 after 1 redirect',
      '- Permanently redirected to x.',
      '**Final URL:** https\\://e.example/a\\_b\\*',
      // when, in the reviewer's time zone
      `**Checked:** 3 h ago (${formatLocalTime(now - 3 * 3600_000)}), from the cache`,
    ].join('\n\n'));
    assert.equal(describeLinkResult({ url: 'u', problems: [], fromCache: false, notChecked: { reason: 'untrusted', message: 'untrusted workspace' } }, now), 'Not checked: untrusted workspace');
  });

  it('pinUrl replaces as many segments as the branch name has', () => {
    assert.equal(pinUrl(`${G}/o/r/blob/release/v1/a.md#L3`, 'abc', 2), `${G}/o/r/blob/abc/a.md#L3`);
    assert.equal(pinUrl(`${G}/o/r/tree/main/docs`, 'abc'), `${G}/o/r/tree/abc/docs`);
    assert.equal(pinUrl(`${G}/o/r/blob/release`, 'abc', 2), undefined);
  });
});
