/**
 * The GitHub token, end to end through the real server: it reaches the GitHub API origin only
 * (every test server's recorded headers, redirects included), and appears in no log message, no
 * stderr line, no diagnostic, no hover and not in the persisted cache file.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { repo, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { startHttpFixture, type HttpFixture } from '../support/httpFixture';
import { startServer, type TestClient } from '../support/lspClient';

describe('links: the GitHub token stays with the GitHub API (real server)', function () {
  this.timeout(60_000);
  let gh: FakeGitHub;
  let web: HttpFixture;
  let other: HttpFixture;
  let client: TestClient | undefined;
  before(async () => {
    gh = await startFakeGitHub([repo('acme/acme', { 'README.md': '# Acme\n\n## Install\n', 'GOVERNANCE.md': '# Gov\n' }, { issues: { 7: { state: 'OPEN' } } })]);
    web = await startHttpFixture();
    other = await startHttpFixture();
  });
  after(async () => {
    await client?.close();
    await gh.close();
    await web.close();
    await other.close();
  });

  it('goes to the API origin only; is never logged, shown or cached', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'diligence-token-'));
    const logs: string[] = [];
    client = startServer(['--stdio'], (c) => c.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message)));
    await client.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null, capabilities: {},
      initializationOptions: { storagePath: storage, settings: { links: { allowPrivateHosts: true }, github: { apiUrl: gh.apiUrl }, evidence: { devstatsUrl: '' } } },
    });
    await client.connection.sendNotification('initialized', {});
    await client.connection.sendNotification('diligence/setGitHubToken', { token: gh.token });

    // with the API at http://127.0.0.1:PORT, GitHub web links are on that same host
    const site = gh.apiUrl;
    const links = [
      `${site}/acme/acme/blob/main/GOVERNANCE.md`, `${site}/acme/acme/blob/main/MISSING.md`, `${site}/acme/acme/issues/7`,
      `${web.origin}/ok`, `${web.origin}/missing`, `${web.origin}/redirect?to=${encodeURIComponent(`${other.origin}/moved`)}`,
      `${web.origin}/redirect?to=${encodeURIComponent(`${gh.apiUrl}/repos/acme/acme`)}`,
    ];
    const text = `# Acme Incubation Due Diligence\n\n## Governance\n\n### Required\n\n- [x] **Governance is documented.**\n\n${links.map((l) => `  Evidence: <${l}>\n`).join('')}`;
    const uri = 'file:///work/token-dd.md';
    const checked = client.diagnostics(uri, (d) => d.some((x) => x.code === 'link-broken' && String(x.message).includes('MISSING')) && d.filter((x) => x.code === 'link-broken').length >= 2, 30_000);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const diags: Diagnostic[] = await checked;

    const hovers: string[] = [];
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      const at = lines[line]!.indexOf('<');
      if (at < 0) continue;
      const h = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: at + 5 } }) as Hover | null;
      if (h) hovers.push((h.contents as MarkupContent).value);
    }
    assert.ok(hovers.length >= links.length, `hovers: ${hovers.length}`);
    const stderr = client.stderr();
    await client.close();
    client = undefined;

    // the API got it on every request that came from the GitHub client...
    const api = gh.requests.filter((q) => q.authorization !== undefined);
    assert.ok(api.length > 0, 'the GitHub client asked the API');
    for (const q of api) assert.equal(q.authorization, `token ${gh.token}`);
    // ...and a web page redirecting into the API origin did not carry it there
    for (const q of gh.requests.filter((x) => x.path === '/repos/acme/acme' && x.method === 'HEAD')) assert.equal(q.authorization, undefined);
    // no other server saw it in any header
    for (const q of [...web.requests, ...other.requests]) {
      assert.equal(q.headers.authorization, undefined, `${q.method} ${q.path}`);
      assert.ok(!JSON.stringify(q.headers).includes(gh.token), `${q.method} ${q.path}`);
    }
    assert.ok(web.requests.length >= 4 && other.requests.length >= 1);

    const cacheFile = join(storage, 'links.json');
    assert.ok(existsSync(cacheFile), 'the cache was persisted on shutdown');
    const places: Array<[string, string]> = [
      ['log messages', logs.join('\n')],
      ['stderr', stderr],
      ['diagnostics', JSON.stringify(diags)],
      ['hovers', hovers.join('\n')],
      ['cache file', readFileSync(cacheFile, 'utf8')],
    ];
    for (const [where, content] of places) assert.ok(!content.includes(gh.token), `the token is in the ${where}`);
    assert.ok(readFileSync(cacheFile, 'utf8').includes('GOVERNANCE.md'), 'the cache holds verdicts');
  });
});
