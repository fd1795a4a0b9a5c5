import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { repo, sha, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { evidenceRepos, startFakeOpenSsf } from '../support/evidenceRepos';
import { HAVE_SHARED, needsShared, readSeed } from '../support/docs';
import { startServer, type TestClient } from '../support/lspClient';

const TEMPLATE = `# $PROJECT Incubation Due Diligence

## Incubation Evaluation Summary for $PROJECT

_$TOCMEMBER conducted the due diligence of $PROJECT who applied for $LEVEL. $NOTABLES._

## Application Process Principles

### Required

- [ ] **Complete a [General Technical Review (GTR)](../toc_subprojects/project-reviews-subproject/general-technical-questions.md).**
  - This was most recently revised on DD-MMM-YYYY.

<!-- (TOC Evaluation goes here) -->
`;

describe('evidence: protocol (server requests)', function () {
  needsShared();
  this.timeout(30_000);
  let gh: FakeGitHub;
  let ossf: Awaited<ReturnType<typeof startFakeOpenSsf>>;
  let client: TestClient;
  const TOC = sha('cncf/toc@main');

  before(async () => {
    gh = await startFakeGitHub([...evidenceRepos(), repo('cncf/toc', { 'operations/toc-templates/template-dd-pr-incubation.md': TEMPLATE }, { branches: { main: TOC } })]);
    ossf = await startFakeOpenSsf();
    client = startServer();
    await client.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null, capabilities: {},
      initializationOptions: {
        settings: {
          github: { apiUrl: gh.apiUrl },
          links: { allowPrivateHosts: true },
          openssf: { bestPracticesUrl: ossf.bestPracticesUrl, scorecardUrl: ossf.scorecardUrl },
          evidence: { devstatsUrl: ossf.devstatsUrl },
          repositories: ['kserve/kserve', 'kserve/community'],
          reviewer: { name: 'Jane Reviewer' },
        },
      },
    });
    await client.connection.sendNotification('initialized', {});
    await client.connection.sendNotification('diligence/setGitHubToken', { token: gh.token });
  });
  after(async () => {
    if (!HAVE_SHARED) return; // skipped: before did not run
    await client.close();
    await gh.close();
    await ossf.close();
  });

  it('publishes evidence-available after discovery, with an Insert evidence quick fix', async () => {
    const uri = 'file:///work/kserve-dd.md';
    const withEvidence = client.diagnostics(uri, (d) => d.some((x) => x.code === 'evidence-available'), 20_000);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readSeed() } });
    const ds = await withEvidence;
    const d = ds.find((x) => x.code === 'evidence-available' && String(x.message).includes('README.md lists community channels')) as Diagnostic;
    assert.ok(d);
    const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
    assert.ok(actions.some((a) => a.title === 'Insert evidence: README.md lists community channels: Slack, community meeting (kserve/kserve)'), actions.map((a) => a.title).join(' | '));
    const discovered = await client.connection.sendRequest('diligence/discoverEvidence', { uri }) as { repos: string[]; results: Array<{ fromCache: boolean }> };
    assert.deepEqual(discovered.repos, ['kserve/kserve', 'kserve/community']);
    assert.ok(discovered.results.every((r) => r.fromCache));
    // the token went to the API origin only, never to OpenSSF
    assert.ok(gh.requests.every((r) => r.authorization === `token ${gh.token}`));
    assert.ok(ossf.requests.every((r) => r.headers.authorization === undefined));
  });

  it('diligence/refreshEvidence: the inserted fact (dated, marked) rewritten from a new discovery (the cache bypassed)', async () => {
    const uri = 'file:///work/kserve-refresh.md';
    const K = `https://github.com/kserve/kserve/blob/${sha('kserve/kserve@master')}`;
    const old = `  - README.md lists community channels: Slack ([kserve/kserve](${K}/README.md), as of 2020-01-01) <!-- diligence:evidence community-channels:kserve/kserve -->`;
    const text = readSeed().replace(/^(- \[ \] \*\*List and document all project communication channels.*)$/m, `$1\n\n${old}`);
    assert.ok(text.includes(old));
    const stale = client.diagnostics(uri, (d) => d.some((x) => x.code === 'evidence-stale'), 20_000);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    assert.equal((await stale).filter((x) => x.code === 'evidence-stale').length, 1);
    gh.reset();
    const r = await client.connection.sendRequest('diligence/refreshEvidence', { uri }) as { edits: Array<{ newText: string }>; rewritten: number; changes: string[] };
    assert.ok(gh.requests.length > 0);
    assert.equal(r.rewritten, 1);
    assert.match(r.edits[0]!.newText, /^README\.md lists community channels: Slack, community meeting \(\[kserve\/kserve\]\(.*\/README\.md\), as of \d{4}-\d{2}-\d{2}\) <!-- diligence:evidence community-channels:kserve\/kserve -->$/);
    assert.equal(r.changes.length, 1);
  });

  it('diligence/templateProfiles and diligence/newDocument: the template from its repository, filled', async () => {
    const profiles = await client.connection.sendRequest('diligence/templateProfiles') as Array<{ id: string; template: { repo: string; path: string } | null }>;
    assert.deepEqual(profiles.find((p) => p.id === 'cncf-incubation')?.template, { repo: 'cncf/toc', path: 'operations/toc-templates/template-dd-pr-incubation.md', ref: 'main' });
    const r = await client.connection.sendRequest('diligence/newDocument', { profile: 'cncf-incubation', project: 'Acme Mesh' }) as { text: string; fileName: string; source: { url: string } };
    assert.equal(r.fileName, 'acme-mesh-incubation-due-diligence.md');
    assert.equal(r.source.url, `https://github.com/cncf/toc/blob/${TOC}/operations/toc-templates/template-dd-pr-incubation.md`);
    assert.equal(r.text.split('\n').slice(0, 11).join('\n'), `# Acme Mesh Incubation Due Diligence

## Incubation Evaluation Summary for Acme Mesh

_Jane Reviewer conducted the due diligence of Acme Mesh who applied for Incubation. $NOTABLES._

## Application Process Principles

### Required

- [ ] **Complete a [General Technical Review (GTR)](https://github.com/cncf/toc/blob/${TOC}/operations/toc_subprojects/project-reviews-subproject/general-technical-questions.md).**`);
    assert.ok(r.text.includes('revised on DD-MMM-YYYY'), 'event dates stay for the reviewer');
    await assert.rejects(client.connection.sendRequest('diligence/newDocument', { profile: 'nope', project: 'X' }), /unknown profile "nope"/);
  });

  it('diligence/openIssueFromTodos creates an issue with the owner\'s open TODOs, through the API with the token', async () => {
    gh.reset();
    const r = await client.connection.sendRequest('diligence/openIssueFromTodos', { uri: 'file:///work/kserve-dd.md', owner: 'Kevin', repo: 'kserve/community' }) as { number: number; url: string; count: number };
    assert.equal(r.url, `https://github.com/kserve/community/issues/${r.number}`);
    const post = gh.requests.find((x) => x.method === 'POST')!;
    assert.equal(post.path, '/repos/kserve/community/issues');
    assert.equal(post.authorization, `token ${gh.token}`);
    const sent = JSON.parse(post.body!) as { title: string; body: string };
    assert.equal(sent.title, `Due diligence: ${r.count} open item${r.count === 1 ? '' : 's'} for Kevin`);
    assert.ok(r.count >= 2);
    assert.match(sent.body, /^Open items for \*\*Kevin\*\* from KServe Incubation Due Diligence:\n\n- \[ \] \*\*TAG provides insight\/recommendation of the project in the context of the landscape\*\*: check with TAG runtime to provide recommendation \(line \d+\)\n/);
    await assert.rejects(client.connection.sendRequest('diligence/openIssueFromTodos', { uri: 'file:///work/kserve-dd.md', owner: 'Nobody', repo: 'kserve/community' }), /Nobody has no open TODO/);
  });

  it('refuses network requests once the workspace is untrusted', async () => {
    await client.connection.sendNotification('diligence/setTrusted', { trusted: false });
    await assert.rejects(client.connection.sendRequest('diligence/newDocument', { profile: 'cncf-incubation', project: 'X' }), /untrusted workspace/);
  });
});
