/**
 * The editor's maintainer feed for `interview-maintainer`, over the real bundled server: the
 * project's maintainers come from evidence discovery (the MAINTAINERS file it finds in the
 * project's repository on a fake GitHub on 127.0.0.1). An open interview whose interviewee is a
 * maintainer gets no warning before discovery has them, gets it once it has, and never gets it
 * in an untrusted workspace (no network: nothing discovered).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { repo, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { startFakeOpenSsf, type OpenSsf } from '../support/evidenceRepos';
import { initialize, startServer, type TestClient } from '../support/lspClient';
import { FIXTURES, TOC_FIXTURE } from './paths';

const uri = (p: string): string => pathToFileURL(p).toString();

describe('interviews: maintainers from evidence discovery (protocol)', function () {
  this.timeout(60_000);
  let gh: FakeGitHub;
  let ossf: OpenSsf;
  let root: string;
  let dir: string;
  const started: TestClient[] = [];

  before(async () => {
    gh = await startFakeGitHub([repo('quarkle/quarkle', { 'README.md': '# Quarkle\n', 'MAINTAINERS.md': readFileSync(join(FIXTURES, 'MAINTAINERS.md'), 'utf8') })]);
    ossf = await startFakeOpenSsf();
    root = mkdtempSync(join(tmpdir(), 'diligence-maint-'));
    cpSync(TOC_FIXTURE, root, { recursive: true });
    dir = join(root, 'projects', 'quarkle');
  });
  after(async () => {
    for (const c of started) await c.close();
    await gh.close();
    await ossf.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function server(trusted: boolean): Promise<TestClient> {
    const client = startServer();
    started.push(client);
    await initialize(client, {
      initializationOptions: {
        trusted,
        settings: {
          github: { apiUrl: gh.apiUrl }, links: { allowPrivateHosts: true }, repositories: ['quarkle/quarkle'],
          openssf: { bestPracticesUrl: ossf.bestPracticesUrl, scorecardUrl: ossf.scorecardUrl }, evidence: { devstatsUrl: ossf.devstatsUrl },
        },
      },
    });
    // GitHub's links and discovery go to the fake API with its token
    await client.connection.sendNotification('diligence/setGitHubToken', { token: gh.token });
    return client;
  }

  const open = (client: TestClient, path: string): Promise<void> =>
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(path), languageId: 'markdown', version: 1, text: readFileSync(path, 'utf8') } });
  const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));

  it('no warning before discovery; once it found MAINTAINERS.md, the interviewee who maintains the project is warned about', async () => {
    const client = await server(true);
    const borealis = join(dir, 'quarkle-adopter-interview-borealis.md');
    const first = client.diagnostics(uri(borealis));
    await open(client, borealis);
    assert.ok(!codes(await first).includes('interview-maintainer'), 'not before discovery');
    const warned = client.diagnostics(uri(borealis), (ds) => codes(ds).includes('interview-maintainer'), 30_000);
    await open(client, join(dir, 'quarkle-incubation-due-diligence.md'));
    const ds = await warned;
    const d = ds.filter((x) => x.code === 'interview-maintainer');
    assert.equal(d.length, 1);
    assert.match(String(d[0]!.message), /Dana Ortiz/);
    assert.ok(gh.requests.some((r) => /MAINTAINERS\.md/.test(`${r.path} ${r.query ?? ''}`)), 'the file was read from the fake GitHub');
    // the interviewees who are not maintainers: no warning elsewhere
    const acme = join(dir, 'quarkle-adopter-interview-acme-corp.md');
    const acmeDs = client.diagnostics(uri(acme));
    await open(client, acme);
    assert.ok(!codes(await acmeDs).includes('interview-maintainer'));
  });

  it('an untrusted workspace: nothing is discovered, no warning, no request to GitHub', async () => {
    const before = gh.requests.length;
    const client = await server(false);
    const borealis = join(dir, 'quarkle-adopter-interview-borealis.md');
    const dd = join(dir, 'quarkle-incubation-due-diligence.md');
    await open(client, borealis);
    const ddDs = client.diagnostics(uri(dd));
    await open(client, dd);
    await ddDs;
    // the interviews beside it were listed (the request waits for that) and discovery answered
    await client.connection.sendRequest('diligence/interviews', { uri: uri(dd) });
    await client.connection.sendRequest('diligence/discoverEvidence', { uri: uri(dd) }).catch(() => undefined);
    assert.ok(client.published.filter((p) => p.uri === uri(borealis)).every((p) => !codes(p.diagnostics).includes('interview-maintainer')));
    assert.equal(gh.requests.length, before);
  });
});
