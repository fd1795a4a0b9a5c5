import assert from 'node:assert/strict';
import { noCancellation } from '../../server/src/service/host';
import { createLinkChecker } from '../../server/src/service/links/checker';
import { LinkCache } from '../../server/src/service/links/cache';
import { createGitHubClient } from '../../server/src/web/githubClient';
import { createNodeHttpClient, type NodeHttpClient } from '../../server/src/node/httpClient';
import { linkConfig } from '../support/linkEnv';
import { applyEdits, createDiligenceService } from '../../server/src/service/index';
import { resolvedState } from '../../server/src/service/evidence/blockers';
import { repo, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { doc } from '../support/docs';

const DOC = `# Widgets Incubation Due Diligence

## Incubation Evaluation Summary for Widgets

### Criteria Evaluation

Blockers raised with the project:

- Add a security policy (https://github.com/acme/widgets/issues/1)
- Protect the main branch: [PR](https://github.com/acme/widgets/pull/2)
- ~~Publish the roadmap~~ (https://github.com/acme/widgets/issues/4)
- Document the release process (https://github.com/acme/widgets/issues/3)

Recommendations: keep [the adopters issue](https://github.com/acme/widgets/issues/5) current.

## Governance

### Required

- [x] **Document complete list of current maintainers.**

  Tracked in https://github.com/acme/widgets/issues/1 as well.
`;

describe('summary: blockers and recommendations reconciled with their issues and pull requests', function () {
  this.timeout(30_000);
  let gh: FakeGitHub;
  let http: NodeHttpClient;
  before(async () => {
    gh = await startFakeGitHub([repo('acme/widgets', { 'README.md': '# W\n' }, {
      issues: { 1: { state: 'CLOSED', closedAt: '2026-10-01T00:00:00Z' }, 2: { state: 'MERGED', pull: true, closedAt: '2026-10-02T00:00:00Z' }, 3: { state: 'OPEN' }, 4: { state: 'CLOSED' }, 5: { state: 'CLOSED', closedAt: '2026-11-11T00:00:00Z' } },
    })]);
    http = createNodeHttpClient();
  });
  after(async () => {
    http.close();
    await gh.close();
  });

  it('reads the checker\'s state line', () => {
    assert.deepEqual(resolvedState('Issue #1 "Add it" · closed on 2026-10-01'), { kind: 'Issue', number: '#1', state: 'closed', date: '2026-10-01' });
    assert.deepEqual(resolvedState('Pull request #2 · merged · repository archived'), { kind: 'Pull request', number: '#2', state: 'merged' });
    assert.equal(resolvedState('Issue #3 "x · closed" · open'), undefined);
    assert.equal(resolvedState(undefined), undefined);
  });

  it('closed issue and merged PR in the summary: a hint each with a strike-through fix; open, struck-through and checklist lines get nothing; one batched request', async () => {
    const s = createDiligenceService({ config: linkConfig(gh.apiUrl), clock: { now: () => new Date('2026-12-01T00:00:00Z') } });
    const github = createGitHubClient({ apiUrl: gh.apiUrl, token: gh.token });
    s.setLinkChecker(createLinkChecker({ http, github, cache: new LinkCache(), githubWebHosts: ['github.com'], retryDelayMs: 0 }));
    const d = doc(DOC);
    await s.checkLinks(d, { allowNetwork: true }, noCancellation);
    const ds = s.diagnostics(d).filter((x) => x.code === 'blocker-resolved');
    assert.deepEqual(ds.map((x) => [x.range.start.line, x.message, x.severity]), [
      [8, 'Resolved: Issue #1 closed on 2026-10-01 — strike it through or move it to the resolved blockers', 4],
      [9, 'Resolved: Pull request #2 merged on 2026-10-02 — strike it through or move it to the resolved blockers', 4],
      [13, 'Resolved: Issue #5 closed on 2026-11-11 — strike it through or move it to the resolved blockers', 4],
    ]);
    // the five items in one GraphQL request, with the token, to the API only
    assert.deepEqual(gh.requests.map((r) => [r.path, r.authorization]), [['/graphql', `token ${gh.token}`]]);
    const fix = s.codeActions(d, ds[1]!.range).find((a) => a.title.startsWith('Strike through'));
    assert.equal(fix?.title, 'Strike through: Pull request #2 merged on 2026-10-02');
    const after = applyEdits(DOC, fix!.edit!.changes![d.uri]!);
    assert.ok(after.includes('- ~~Protect the main branch: [PR](https://github.com/acme/widgets/pull/2)~~ (resolved: Pull request #2 merged on 2026-10-02)\n'), after);
  });

  it('the strike-through keeps the list marker of the line and says why it was struck', async () => {
    const s = createDiligenceService({ clock: { now: () => new Date('2026-12-01T00:00:00Z') } });
    const d = doc(DOC);
    // the link checker's verdicts, as the checker leaves them (no network in this test)
    const findings = (await import('../../server/src/service/evidence/blockers')).blockerFindings(s.getModel(d)!, (url) =>
      url.endsWith('/issues/1') ? { url, problems: [], fromCache: false, summary: 'Issue #1 "Add a policy" · closed on 2026-10-01' } : undefined);
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(f.data?.replacementTitle, 'Strike through: Issue #1 closed on 2026-10-01');
    const after = applyEdits(DOC, [{ range: s.getModel(d)!.lines.range(f.span), newText: f.data!.replacement! }]);
    assert.ok(after.includes('- ~~Add a security policy (https://github.com/acme/widgets/issues/1)~~ (resolved: Issue #1 closed on 2026-10-01)\n'));
  });
});
