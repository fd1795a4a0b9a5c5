/**
 * Triage of an application issue against the fake GitHub and a fake OpenSSF: the checklist's
 * verdicts with their evidence, the criteria left unanswered, the broken links of the issue, the
 * suggested labels (which exist in the TOC's labels.yaml); `triage` posts nothing unless asked
 * (`--post`), and the token goes to the API origin only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { createEvidenceGitHub } from '../../server/src/web/evidenceGitHub';
import { createGitHubClient } from '../../server/src/web/githubClient';
import { createNodeHttpClient, type NodeHttpClient } from '../../server/src/node/httpClient';
import { createIssueGitHub } from '../../server/src/web/issueGitHub';
import { createTemplateGitHub } from '../../server/src/web/templateGitHub';
import { IssueCache, triageIssue, TRIAGE_LABELS, type ApplicationDeps, type TriageReport } from '../../server/src/service/application/index';
import { escapeText } from '../../server/src/service/application/triageMarkdown';
import { createEvidenceDiscoverer, createLinkChecker, resolveConfig, TemplateCache, BUILTIN_PROFILES } from '../../server/src/service/index';
import { noCancellation } from '../../server/src/service/host';
import type { HttpClient } from '../../server/src/service/links/types';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { applicationRepos, startApplicationOpenSsf } from '../support/applications';
import { skipWithoutToc, TOC, tocAvailable } from '../support/templates';

/** Web pages are never requested here (no traffic beyond 127.0.0.1): GitHub links go to the fake API. */
const NO_WEB: HttpClient = { request: () => Promise.resolve({ ok: false, kind: 'refused', message: 'refused (test: no web request leaves 127.0.0.1)' }) };

describe('triage', function () {
  this.timeout(120_000);
  let gh: FakeGitHub;
  let ossf: Awaited<ReturnType<typeof startApplicationOpenSsf>>;
  let http: NodeHttpClient;
  let saved: string | undefined;
  before(async function () {
    skipWithoutToc(this);
    gh = await startFakeGitHub(applicationRepos());
    ossf = await startApplicationOpenSsf();
    http = createNodeHttpClient();
    saved = process.env['GITHUB_TOKEN'];
    process.env['GITHUB_TOKEN'] = gh.token;
  });
  after(async () => {
    if (!tocAvailable()) return;
    if (saved === undefined) delete process.env['GITHUB_TOKEN'];
    else process.env['GITHUB_TOKEN'] = saved;
    http.close();
    await gh.close();
    await ossf.close();
  });

  function deps(): ApplicationDeps {
    const config = resolveConfig({ github: { apiUrl: gh.apiUrl }, links: { allowPrivateHosts: true }, openssf: { bestPracticesUrl: ossf.bestPracticesUrl, scorecardUrl: ossf.scorecardUrl }, evidence: { devstatsUrl: ossf.devstatsUrl } });
    const opts = { apiUrl: gh.apiUrl, token: gh.token };
    return {
      github: createIssueGitHub(opts),
      issueCache: new IssueCache(),
      templates: { github: createTemplateGitHub(opts), cache: new TemplateCache(), now: () => Date.now() },
      discoverer: createEvidenceDiscoverer({ github: createEvidenceGitHub(opts), http }),
      checker: createLinkChecker({ http: NO_WEB, github: createGitHubClient(opts), githubWebHosts: ['github.com'], retryDelayMs: 1 }),
      config,
      profiles: BUILTIN_PROFILES,
      allowNetwork: true,
    };
  }
  const verdict = (r: TriageReport, id: string) => r.items.find((i) => i.id === id)!;

  it('Quarkle: the checklist\'s verdicts with pinned evidence, unanswered criteria, the broken link, the labels', async () => {
    gh.reset();
    const d = deps();
    const r = await triageIssue('cncf/toc#1234', d, {}, noCancellation);
    assert.ok(r.ok, r.ok ? '' : r.message);
    const { report, markdown } = r.value;
    const coldRequests = gh.requests.length;
    const adopters = verdict(report, 'adoption.adopters-file');
    assert.equal(adopters.verdict, 'met');
    assert.match(adopters.evidence[0]!.text, /^Adopters: ADOPTERS\.md \(quarkle-dev\/quarkle\): 6 adopters listed$/);
    assert.match(adopters.evidence[0]!.url!, /^https:\/\/github\.com\/quarkle-dev\/quarkle\/blob\/[0-9a-f]{40}\/ADOPTERS\.md$/);
    assert.equal(verdict(report, 'adoption.interviews').verdict, 'unknown');
    const m = verdict(report, 'governance.maintainers-file');
    assert.equal(m.verdict, 'met');
    assert.match(m.evidence[0]!.text, /3 maintainers, 3 with an affiliation \(Bluefin Logistics, Independent, Orchard Analytics\)$/);
    const gtr = verdict(report, 'application.gtr');
    assert.equal(gtr.verdict, 'met');
    assert.match(gtr.evidence[0]!.text, /^General Technical Review snapshot of 2026-03-01 in cncf\/toc \(projects\/quarkle\/tech-review\/2026-03-01\.md\)$/);
    assert.match(gtr.evidence[0]!.url!, /^https:\/\/github\.com\/cncf\/toc\/blob\/[0-9a-f]{40}\/projects\/quarkle\/tech-review\/2026-03-01\.md$/);
    assert.match(verdict(report, 'application.governance-review').evidence[0]!.text, /status Satisfactory, 1 must-fix item, 1 area for improvement/);
    const sc = verdict(report, 'security.scorecard');
    assert.equal(sc.verdict, 'met', JSON.stringify(sc));
    assert.deepEqual(sc.evidence.map((e) => e.text.replace(/ \(\d{4}-\d\d-\d\d\).*$/, '')), ['Scorecard Branch-Protection 8/10', 'Scorecard Token-Permissions 10/10', 'Scorecard SAST 7/10', 'Scorecard CI-Tests 9/10']);
    assert.match(verdict(report, 'security.best-practices').evidence[0]!.text, /passing \(project 9001\), 40% towards silver/);
    assert.equal(verdict(report, 'security.policy').verdict, 'met');
    assert.match(verdict(report, 'security.policy').evidence[0]!.text, /covers all 5 expected topics/);
    assert.equal(verdict(report, 'security.best-practices').verdict, 'met');
    // the roadmap link the project gave is broken, and no roadmap file... there is one: found
    assert.deepEqual(report.brokenLinks.map((b) => b.url), ['https://github.com/quarkle-dev/quarkle/blob/main/docs/missing-roadmap.md']);
    assert.equal(verdict(report, 'engineering.roadmap').verdict, 'met');
    const self = verdict(report, 'security.self-assessment');
    assert.equal(self.verdict, 'not-met');
    assert.match(self.missing!, /No security self-assessment in cncf\/toc under projects\/quarkle\/security-assessment\//);
    // the contributor ladder: ticked with nothing said; contributor activity: neither
    const ladder = report.unanswered.find((u) => /Contributor ladder/.test(u.title))!;
    assert.deepEqual([ladder.ticked, ladder.answered], [true, false]);
    assert.ok(report.unanswered.some((u) => /Demonstrate contributor activity/.test(u.title) && !u.ticked && !u.answered));
    assert.ok(!report.unanswered.some((u) => /General Technical Review \(GTR\)/.test(u.title)));
    assert.deepEqual(report.labels.map((l) => l.name), [TRIAGE_LABELS.securityAssessment, TRIAGE_LABELS.moreInformation]);
    // markdown: sections in the guide's order, every label one the TOC has
    assert.match(markdown, /^## Triage of cncf\/toc#1234: Quarkle, Incubation$/m);
    assert.deepEqual([...markdown.matchAll(/^### (.+)$/gm)].map((x) => x[1]!.replace(/ \(\d+\)$/, '')), ['Adoption', 'Application Process Principles', 'Governance and Maintainers', 'Contributors and Community', 'Engineering Principles', 'Security', 'Ecosystem', 'Criteria left unticked or unanswered', 'Links in the issue that are broken', 'Suggested labels']);
    const labels = readFileSync(join(TOC, 'labels.yaml'), 'utf8');
    for (const l of Object.values(TRIAGE_LABELS)) assert.ok(labels.includes(`- name: ${l}\n`), l);
    // warm: the issue, the template, the evidence, the files and the link verdicts from the caches
    gh.reset();
    const again = await triageIssue('cncf/toc#1234', d, {}, noCancellation);
    assert.ok(again.ok);
    assert.equal(gh.requests.length, 0);
    console.log(`      (triage: ${coldRequests} GitHub API requests cold, link checks included; 0 warm)`);
  });

  it('Widgetry (oldest template): no adopters file, maintainers without affiliations, the TAG presentation answered', async () => {
    const r = await triageIssue('cncf/toc#1300', deps(), {}, noCancellation);
    assert.ok(r.ok, r.ok ? '' : r.message);
    const { report } = r.value;
    const adopters = verdict(report, 'adoption.adopters-file');
    assert.equal(adopters.verdict, 'not-met');
    assert.match(adopters.missing!, /no adopters file in widgetry\/widgetry/);
    const m = verdict(report, 'governance.maintainers-file');
    assert.equal(m.verdict, 'not-met');
    assert.match(m.evidence[0]!.text, /2 maintainers, 0 with an affiliation/);
    assert.equal(verdict(report, 'security.self-assessment').verdict, 'met');
    assert.match(verdict(report, 'security.self-assessment').evidence[0]!.text, /^Security self-assessment in cncf\/toc \(projects\/widgetry\/security-assessment\/self-assessment\.md\)$/);
    // no Best Practices project, no Scorecard result for Widgetry
    assert.equal(verdict(report, 'security.best-practices').verdict, 'not-met');
    assert.equal(verdict(report, 'security.scorecard').verdict, 'unknown');
    assert.equal(report.labels[0]!.name, TRIAGE_LABELS.adopters);
    // the old template's own scheme-less link in a criterion's title is not the project's broken link
    assert.deepEqual(report.brokenLinks, []);
    // criteria the old template did not have are listed as not in the issue
    assert.ok(report.unanswered.some((u) => /Complete a Governance Review with the Project Reviews subproject/.test(u.title) && !u.inIssue));
  });

  it('text from the issue cannot format the comment or mention anyone', () => {
    assert.equal(escapeText('@team see [x](y) <b>**now**</b>'), '&#64;team see \\[x\\](y) \\<b\\>\\*\\*now\\*\\*\\</b\\>');
  });

  it('CLI: markdown by default, --format json the same as data, nothing posted without --post; --post posts it once', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'diligence-triage-'));
    const args = ['triage', 'cncf/toc#1234', '--github-api-url', gh.apiUrl, '--bestpractices-url', ossf.bestPracticesUrl, '--scorecard-url', ossf.scorecardUrl, '--devstats-url', ossf.devstatsUrl, '--allow-private-hosts', '--cache-dir', cache, '--link-ignore', '*'];
    const issue = () => gh.repos.find((x) => x.name === 'toc')!.issues![1234]!;
    const run = async (extra: string[]) => {
      let out = '';
      let err = '';
      const code = await main([...args, ...extra], (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
      return { code, out, err };
    };
    gh.reset();
    const md = await run([]);
    assert.equal(md.code, 0, md.err);
    assert.match(md.out, /^## Triage of cncf\/toc#1234: Quarkle, Incubation$/m);
    assert.match(md.err, /met, \d+ not met, \d+ could not tell; \d+ criteria unticked or unanswered; 0 broken links; \d+ GitHub API requests/);
    const json = await run(['--format', 'json']);
    const report = JSON.parse(json.out) as TriageReport;
    assert.equal(report.issue.ref, 'cncf/toc#1234');
    assert.deepEqual(Object.keys(report), ['issue', 'project', 'level', 'template', 'items', 'unanswered', 'brokenLinks', 'linksChecked', 'notDiscovered', 'labels', 'counts']);
    assert.equal(issue().comments, undefined);
    assert.ok(gh.requests.every((x) => x.method === 'GET' || x.path === '/graphql'));
    assert.ok(gh.requests.every((x) => x.authorization === `token ${gh.token}`));
    assert.ok(ossf.requests.every((x) => !JSON.stringify(x.headers).includes(gh.token)));
    const posted = await run(['--post']);
    assert.equal(posted.code, 0, posted.err);
    assert.equal(issue().comments?.length, 1);
    assert.equal(issue().comments![0], md.out);
    assert.match(posted.err, /posted https:\/\/github\.com\/cncf\/toc\/issues\/1234#issuecomment-1/);
  });
});
