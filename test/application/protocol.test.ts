/**
 * The editor commands' server requests over the real server (stdio): a draft from an application
 * issue, its triage, and posting the triage only when asked; all refused in an untrusted workspace.
 */
import assert from 'node:assert/strict';
import { analyseText } from '../../server/src/service/model/index';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { applicationRepos, startApplicationOpenSsf } from '../support/applications';
import { startServer, type TestClient } from '../support/lspClient';
import { skipWithoutToc, tocAvailable } from '../support/templates';
import type { DraftFromIssue, TriageReport } from '../../shared/protocol';

describe('application issues: protocol (server requests)', function () {
  this.timeout(60_000);
  let gh: FakeGitHub;
  let ossf: Awaited<ReturnType<typeof startApplicationOpenSsf>>;
  let client: TestClient;

  before(async function () {
    skipWithoutToc(this);
    gh = await startFakeGitHub(applicationRepos());
    ossf = await startApplicationOpenSsf();
    client = startServer();
    await client.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null, capabilities: {},
      initializationOptions: {
        settings: {
          github: { apiUrl: gh.apiUrl },
          // no link of the issue leaves 127.0.0.1 (github.com links would be web pages with this API URL)
          links: { allowPrivateHosts: true, ignore: ['*'] },
          openssf: { bestPracticesUrl: ossf.bestPracticesUrl, scorecardUrl: ossf.scorecardUrl },
          evidence: { devstatsUrl: ossf.devstatsUrl },
          reviewer: { name: 'Rhea Vance' },
        },
      },
    });
    await client.connection.sendNotification('initialized', {});
    await client.connection.sendNotification('diligence/setGitHubToken', { token: gh.token });
  });
  after(async () => {
    if (!tocAvailable()) return;
    await client.close();
    await gh.close();
    await ossf.close();
  });

  it('diligence/draftFromIssue: the current template, the assertions, nothing ticked; the same again', async () => {
    const r = await client.connection.sendRequest('diligence/draftFromIssue', { issue: 'cncf/toc#1234', date: '2026-07-01' }) as DraftFromIssue;
    assert.equal(r.fileName, 'quarkle-incubation-due-diligence.md');
    assert.deepEqual(r.issue, { ref: 'cncf/toc#1234', url: 'https://github.com/cncf/toc/issues/1234' });
    assert.deepEqual([r.stats.criteria, r.stats.withAssertion, r.stats.assertions], [47, 10, 11]);
    assert.equal(r.template.source, 'github');
    const m = analyseText(r.text);
    assert.equal(m.criteria.length, 47);
    assert.equal(m.criteria.filter((c) => c.checked).length, 0);
    assert.match(r.text, /^_Rhea Vance conducted the due diligence of Quarkle/m);
    const again = await client.connection.sendRequest('diligence/draftFromIssue', { issue: 'https://github.com/cncf/toc/issues/1234', date: '2026-07-01' }) as DraftFromIssue;
    assert.equal(again.text, r.text);
  });

  it('diligence/triageIssue posts nothing; diligence/postTriage posts the report once', async () => {
    const issue = () => gh.repos.find((x) => x.name === 'toc')!.issues![1234]!;
    const r = await client.connection.sendRequest('diligence/triageIssue', { issue: 'cncf/toc#1234' }) as { report: TriageReport; markdown: string };
    assert.equal(r.report.issue.ref, 'cncf/toc#1234');
    assert.ok(r.report.items.length >= 15);
    assert.match(r.markdown, /^## Triage of cncf\/toc#1234: Quarkle, Incubation$/m);
    assert.equal(issue().comments, undefined);
    const posted = await client.connection.sendRequest('diligence/postTriage', { issue: 'cncf/toc#1234', markdown: r.markdown }) as { url: string };
    assert.match(posted.url, /issuecomment-1$/);
    assert.deepEqual(issue().comments, [r.markdown]);
    issue().comments = undefined;
    assert.ok(gh.requests.every((x) => x.authorization === `token ${gh.token}`));
  });

  it('bad parameters are InvalidParams; an untrusted workspace asks nothing', async () => {
    await assert.rejects(client.connection.sendRequest('diligence/triageIssue', {}), /issue is needed/);
    await assert.rejects(client.connection.sendRequest('diligence/draftFromIssue', { issue: 'not an issue' }), /is not an issue/);
    await client.connection.sendNotification('diligence/setTrusted', { trusted: false });
    gh.reset();
    for (const method of ['diligence/draftFromIssue', 'diligence/triageIssue']) await assert.rejects(client.connection.sendRequest(method, { issue: 'cncf/toc#1234' }), /untrusted workspace/);
    await assert.rejects(client.connection.sendRequest('diligence/postTriage', { issue: 'cncf/toc#1234', markdown: 'x' }), /untrusted workspace/);
    assert.equal(gh.requests.length, 0);
    await client.connection.sendNotification('diligence/setTrusted', { trusted: true });
  });
});
