import assert from 'node:assert/strict';
import { noCancellation } from '../../server/src/service/host';
import { createEvidenceDiscoverer, projectMaintainers, type EvidenceDiscovery } from '../../server/src/service/evidence/discover';
import { EvidenceCache } from '../../server/src/service/evidence/cache';
import { evidenceReport, evidenceReportToMarkdown } from '../../server/src/service/evidence/report';
import { parseYaml, YamlError } from '../../server/src/service/evidence/yamlLite';
import { normaliseCompany, safeLink } from '../../server/src/service/evidence/dotProject';
import type { EvidenceItem } from '../../server/src/service/profiles/types';
import type { DiligenceConfig } from '../../server/src/service/config';
import { createEvidenceGitHub } from '../../server/src/web/evidenceGitHub';
import { createNodeHttpClient, type NodeHttpClient } from '../../server/src/node/httpClient';
import { sha, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { startHttpFixture, type HttpFixture } from '../support/httpFixture';
import { linkConfig } from '../support/linkEnv';
import { ACME_MAINTAINERS_YAML, ACME_PROJECT_YAML, projectRepos, USERS } from '../support/projectRepo';
import { devstatsRoute } from '../support/evidenceRepos';
import { createDiligenceService } from '../../server/src/service/index';
import { doc, msg, skipWithoutShared, SHARED } from '../support/docs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const NOW = new Date('2025-06-01T12:00:00Z');
const P = `https://github.com/acme/.project/blob/${sha('acme/.project@main')}`;

describe('evidence: the project metadata repository (.project) and the organisations behind maintainers and commits', function () {
  this.timeout(30_000);

  describe('reading YAML (pure, the subset .project uses)', () => {
    it('reads the shapes of project.yaml and maintainers.yaml: mappings, sequences of mappings, quoted and plain scalars, flow sequences, folded scalars, comments', () => {
      const p = parseYaml(ACME_PROJECT_YAML) as Record<string, unknown>;
      assert.equal(p['slug'], 'acme');
      assert.equal(p['description'], 'A widget orchestrator for the tests.\n');
      assert.deepEqual((p['repositories'] as unknown[])[0], Object.assign(Object.create(null) as object, { url: 'https://github.com/acme/widget', primary: true, tags: ['core', 'runtime'] }));
      assert.equal(((p['security'] as Record<string, Record<string, unknown>>)['contact']!)['email'], 'security@acme.example.org');
      assert.deepEqual(p['mailing_lists'], ['acme-dev@lists.example.org', 'acme-users@lists.example.org']);
      assert.equal((p['maturity_log'] as Array<Record<string, unknown>>)[0]!['date'], '2023-01-10T00:00:00Z');
      const m = parseYaml(ACME_MAINTAINERS_YAML) as { maintainers: Array<{ teams: Array<{ name: string; managed?: boolean; members: string[] }> }> };
      assert.deepEqual(m.maintainers[0]!.teams.map((t) => [t.name, t.managed, t.members.length]), [['project-maintainers', undefined, 5], ['reviewers', false, 1], ['emeritus', false, 2]]);
      assert.deepEqual(parseYaml('a: "x # not a comment" # a comment\nb: \'it\'\'s\'\nc: [ ]\nd: {}\ne:\n- 1\n- two\n'), Object.assign(Object.create(null) as object, { a: 'x # not a comment', b: "it's", c: [], d: Object.create(null) as object, e: ['1', 'two'] }));
      assert.equal((parseYaml('k: |\n  one\n  # kept\n  two\n') as Record<string, unknown>)['k'], 'one\n# kept\ntwo\n');
      assert.equal(parseYaml(''), null);
    });

    it('refuses what it does not read (anchors, aliases, tags, tabs, flow mappings, several documents) with the line; a key "__proto__" is only a key', () => {
      const refuses = (text: string, re: RegExp): void => assert.throws(() => parseYaml(text), (e: unknown) => e instanceof YamlError && re.test(e.message));
      refuses('a: &x 1\nb: *x\n', /line 1: anchors, aliases and tags/);
      refuses('a: !!str 1\n', /line 1: anchors/);
      refuses('a:\n\t- x\n', /line 2: a tab in the indentation/);
      refuses('a: {b: 1}\n', /flow mappings/);
      refuses('a: 1\n---\nb: 2\n', /line 2: only one YAML document/);
      refuses('a: "open\n', /unterminated/);
      refuses('a: 1\n  b: 2\n', /line 2: unexpected indentation/);
      refuses(`a: ${'x'.repeat(600 * 1024)}\n`, /larger than 512 KB/);
      const o = parseYaml('__proto__: polluted\n') as Record<string, unknown>;
      assert.equal(o['__proto__'], 'polluted');
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    });

    it('companies compared as stated (a leading "@" and blanks aside); only safe https links are written', () => {
      assert.equal(normaliseCompany('  @Acme   Corp '), 'Acme Corp');
      assert.equal(normaliseCompany(''), undefined);
      assert.equal(normaliseCompany(null), undefined);
      assert.equal(safeLink('https://example.org/a.pdf'), 'https://example.org/a.pdf');
      assert.equal(safeLink('http://example.org/a.pdf'), undefined);
      assert.equal(safeLink('https://example.org/a) [x](y'), undefined);
      assert.equal(safeLink('SECURITY.md'), undefined);
    });
  });

  describe('discovery against a fake GitHub', () => {
    let gh: FakeGitHub;
    let ossf: HttpFixture;
    let http: NodeHttpClient;
    before(async () => {
      gh = await startFakeGitHub(projectRepos(NOW), { users: USERS });
      ossf = await startHttpFixture({ routes: { '/devstats': devstatsRoute } });
      http = createNodeHttpClient();
    });
    after(async () => {
      http.close();
      await gh.close();
      await ossf.close();
    });
    beforeEach(() => {
      gh.restore();
      gh.reset();
      ossf.reset();
    });
    function config(): DiligenceConfig {
      const c = linkConfig(gh.apiUrl);
      c.openssf = { bestPracticesUrl: ossf.origin, scorecardUrl: ossf.origin };
      return c;
    }
    function setup(cache = new EvidenceCache(), token: string | undefined = gh.token) {
      const github = createEvidenceGitHub({ apiUrl: gh.apiUrl, ...(token ? { token } : {}) });
      return createEvidenceDiscoverer({ github, http, cache, clock: { now: () => NOW } });
    }
    const one = (d: EvidenceDiscovery, repo: string, detector: string): EvidenceItem => {
      const items = [...d.results.flatMap((r) => r.items), ...(d.project?.items ?? [])].filter((i) => i.repo === repo && i.detector === detector);
      assert.equal(items.length, 1, `${repo} ${detector}: ${JSON.stringify(items)}`);
      return items[0]!;
    };

    it('reads acme/.project: maintainers and their organisations, adopters, security, audits, sub-projects, channels, governance, each with its link', async () => {
      const d = await setup().discover(['acme/widget'], { config: config(), allowNetwork: true }, noCancellation);
      assert.equal(d.notDiscovered, undefined);
      assert.equal(d.project?.repo, 'acme/.project');
      const R = 'acme/.project';
      const m = one(d, R, 'maintainers');
      assert.equal(m.summary, 'maintainers.yaml lists 4 maintainers (project-maintainers) and 2 emeritus');
      assert.equal(m.url, `${P}/maintainers.yaml`);
      const org = one(d, R, 'maintainer-organisations');
      assert.equal(org.found, true);
      assert.equal(org.summary, '2 organisations among the 4 maintainers in maintainers.yaml, by the company their GitHub profiles state: Acme Corp 2, Globex 1; 1 state none');
      assert.equal(one(d, R, 'adopters').url, 'https://github.com/acme/widget/blob/main/ADOPTERS.md');
      const sec = one(d, R, 'security-policy');
      assert.equal(sec.summary, 'project.yaml names the security policy, a security contact (an e-mail address and the GitHub advisory form)');
      assert.equal(sec.url, 'https://github.com/acme/widget/blob/main/SECURITY.md');
      const audits = one(d, R, 'security-audits');
      assert.equal(audits.summary, 'project.yaml lists 2 audits: performance 2024-11-30, security 2023-05-01');
      assert.equal(audits.url, 'https://example.org/acme-audit-2023.pdf');
      assert.equal(one(d, R, 'sub-projects').url, 'https://github.com/acme/community/blob/main/SUBPROJECTS.md');
      const ch = one(d, R, 'community-channels');
      assert.equal(ch.summary, 'project.yaml lists Slack #acme, #acme-dev, 2 mailing lists, a community calendar');
      // no channels page: the permalink to the key in project.yaml
      assert.equal(ch.url, `${P}/project.yaml#L11`);
      assert.equal(one(d, R, 'governance').url, 'https://github.com/acme/community/blob/main/GOVERNANCE.md');

      // the organisations behind the commits, from the same history request
      const c = one(d, 'acme/widget', 'contributor-organisations');
      assert.equal(c.found, true);
      assert.equal(c.summary, "Commits of the last 12 months by the company their authors' GitHub profiles state: Acme Corp 3, Globex 1; 2 by authors who state none");

      // the accessor for other features (the interview lint)
      const pm = projectMaintainers(d);
      assert.deepEqual(pm?.maintainers, ['ann', 'bo', 'cy', 'dee']);
      assert.deepEqual(pm?.emeritus, ['old1', 'old2']);
      assert.equal(pm?.asOf, '2025-06-01');
      assert.equal(pm?.url, `${P}/maintainers.yaml`);
      assert.deepEqual(pm?.companies, { ann: 'Acme Corp', bo: 'Globex', cy: 'acme corp', dee: null });

      const md = evidenceReportToMarkdown(evidenceReport(d));
      assert.match(md, /### acme\/\.project \(8\/8\)/);
    });

    it('requests: 4 GitHub requests cold (facts, README, .project, maintainers\' companies), none warm; Refresh asks again', async () => {
      const cache = new EvidenceCache();
      const cold = await setup(cache).discover(['acme/widget'], { config: config(), allowNetwork: true }, noCancellation);
      assert.equal(gh.requests.length, 4, gh.requests.map((r) => r.query?.slice(0, 60)).join('\n'));
      assert.ok(gh.requests.every((r) => r.path === '/graphql' && r.authorization === `token ${gh.token}`));
      assert.equal(cold.project?.fromCache, false);
      gh.reset();
      const warm = await setup(cache).discover(['acme/widget'], { config: config(), allowNetwork: true }, noCancellation);
      assert.equal(gh.requests.length, 0);
      assert.equal(warm.project?.fromCache, true);
      assert.deepEqual(warm.project?.items, cold.project?.items);
      await setup(cache).discover(['acme/widget'], { config: config(), allowNetwork: true, fresh: true }, noCancellation);
      assert.equal(gh.requests.length, 4);
    });

    it('one organisation: the item says so and is not evidence; missing, private: one request, said; malformed YAML and a huge file: said, never thrown', async () => {
      const mono = await setup().discover(['mono/tool'], { config: config(), allowNetwork: true }, noCancellation);
      const o = one(mono, 'mono/.project', 'maintainer-organisations');
      assert.equal(o.found, false);
      assert.equal(o.summary, '1 organisation among the 3 maintainers in maintainers.yaml, by the company their GitHub profiles state: Initech 2; 1 state none');
      assert.equal(one(mono, 'mono/.project', 'adopters').summary, 'mono/.project has no project.yaml');

      for (const owner of ['solo', 'hidden']) {
        gh.reset();
        const d = await setup().discover([`${owner}/app`], { config: config(), allowNetwork: true }, noCancellation);
        assert.equal(d.project?.error, `no project metadata repository (${owner}/.project) found, or not visible with this token`);
        assert.deepEqual(d.project?.items, []);
        assert.equal(projectMaintainers(d), undefined);
        assert.equal(gh.requests.filter((r) => r.query?.includes('.project')).length, 1);
      }

      const broken = await setup().discover(['broken/x'], { config: config(), allowNetwork: true }, noCancellation);
      assert.equal(one(broken, 'broken/.project', 'adopters').summary, 'project.yaml in broken/.project could not be read (line 2: anchors, aliases and tags are not read)');
      assert.equal(one(broken, 'broken/.project', 'maintainers').summary, 'maintainers.yaml in broken/.project could not be read (line 2: a tab in the indentation)');
      const huge = await setup().discover(['huge/x'], { config: config(), allowNetwork: true }, noCancellation);
      assert.equal(one(huge, 'huge/.project', 'security-policy').summary, 'project.yaml in huge/.project is 600 KB, more than the 512 KB read');
    });

    it('diligence.evidence.projectRepo names the repository; projectMetadata false asks nothing of it', async () => {
      const c = config();
      c.evidence.projectRepo = 'mono/.project';
      const d = await setup().discover(['acme/widget'], { config: c, allowNetwork: true }, noCancellation);
      assert.equal(d.project?.repo, 'mono/.project');
      gh.reset();
      const off = config();
      off.evidence.projectMetadata = false;
      const none = await setup().discover(['acme/widget'], { config: off, allowNetwork: true }, noCancellation);
      assert.equal(none.project, undefined);
      assert.ok(gh.requests.every((r) => !r.query?.includes('.project')));
    });

    it('rate limit: reported, nothing cached; untrusted, offline or without a token: nothing asked', async () => {
      const cache = new EvidenceCache();
      gh.exhaust(new Date(Date.now() + 600_000));
      const limited = await setup(cache).discover(['acme/widget'], { config: config(), allowNetwork: true }, noCancellation);
      gh.restore();
      assert.equal(limited.notDiscovered?.reason, 'rate-limited');
      assert.equal(limited.project, undefined);
      assert.equal(cache.size, 0);

      gh.reset();
      assert.equal((await setup().discover(['acme/widget'], { config: config(), allowNetwork: false }, noCancellation)).notDiscovered?.reason, 'untrusted');
      const off = config();
      off.evidence.enabled = false;
      assert.equal((await setup().discover(['acme/widget'], { config: off, allowNetwork: true }, noCancellation)).notDiscovered?.reason, 'offline');
      assert.equal((await setup(new EvidenceCache(), '').discover(['acme/widget'], { config: config(), allowNetwork: true }, noCancellation)).notDiscovered?.reason, 'no-token');
      assert.equal(gh.requests.length, 0);
      assert.equal(ossf.requests.length, 0);
    });

    it('DevStats (a CNCF project): the companies behind the last year\'s commits in one POST, cached; an unknown project is said; never without a token or offline', async () => {
      const c = config();
      c.evidence.devstatsUrl = `${ossf.origin}/devstats`;
      const cache = new EvidenceCache();
      const d = await setup(cache).discover([], { config: c, allowNetwork: true, project: 'kserve' }, noCancellation);
      const item = d.devstats?.items[0];
      assert.equal(item?.detector, 'contributor-organisations');
      assert.equal(item?.repo, 'DevStats kserve');
      assert.equal(item?.found, true);
      assert.equal(item?.summary, 'DevStats, commits of the last year of 500 by company: Acme Corp 220, Globex 140, Initech 50; 90 unaffiliated or unknown');
      assert.equal(ossf.count('/devstats'), 1);
      assert.equal(ossf.requests[0]?.method, 'POST');
      assert.equal(ossf.requests[0]?.headers['authorization'], undefined);
      const warm = await setup(cache).discover([], { config: c, allowNetwork: true, project: 'kserve' }, noCancellation);
      assert.equal(warm.devstats?.fromCache, true);
      assert.equal(ossf.count('/devstats'), 1);
      assert.match(evidenceReportToMarkdown(evidenceReport(warm)), /### DevStats kserve \(1\/1\)/);

      const unknown = await setup().discover([], { config: c, allowNetwork: true, project: 'acme' }, noCancellation);
      assert.equal(unknown.devstats?.items[0]?.found, false);
      assert.equal(unknown.devstats?.items[0]?.summary, "DevStats: project 'acme' not found");
      ossf.reset();
      await setup(new EvidenceCache(), '').discover([], { config: c, allowNetwork: true, project: 'kserve' }, noCancellation);
      await setup().discover([], { config: c, allowNetwork: false, project: 'kserve' }, noCancellation);
      c.evidence.devstatsUrl = '';
      assert.equal((await setup().discover([], { config: c, allowNetwork: true, project: 'kserve' }, noCancellation)).devstats, undefined);
      assert.equal(ossf.requests.length, 0);
    });

    it('a Graduation document whose maintainers state one organisation: maintainers-one-organisation on the criterion, saying what it rests on; two organisations: nothing', async function () {
      skipWithoutShared(this);
      const template = readFileSync(join(SHARED, 'reference', 'cncf-toc', 'template-dd-pr-graduation.md'), 'utf8');
      const findingsFor = async (repo: string): Promise<string[]> => {
        const c = config();
        c.repositories = [repo];
        const clock = { now: () => NOW };
        const github = createEvidenceGitHub({ apiUrl: gh.apiUrl, token: gh.token });
        const s = createDiligenceService({ config: c, clock, evidenceDiscoverer: createEvidenceDiscoverer({ github, http, cache: new EvidenceCache(), clock }) });
        const d = doc(template);
        await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
        return s.diagnostics(d).filter((x) => x.code === 'maintainers-one-organisation').map((x) => `${x.range.start.line + 1}: ${x.severity} ${msg(x)}`);
      };
      const line = template.split('\n').findIndex((l) => l.includes('maintainers from at least 2 organizations')) + 1;
      assert.deepEqual(await findingsFor('mono/tool'), [`${line}: 2 Graduation asks for maintainers from at least two organisations: every maintainer of mono/.project's maintainers.yaml who states a company on their GitHub profile states Initech (2; 1 of 3 state no company, so this may not be the whole picture, as of 2025-06-01)`]);
      assert.deepEqual(await findingsFor('acme/widget'), []);
    });
  });
});
