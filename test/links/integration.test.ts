import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { main } from '../../server/src/cli';
import { applyEdits } from '../../server/src/service/index';
import { repo, sha, startFakeGitHub } from '../support/fakeGitHub';
import { startHttpFixture, type HttpFixture } from '../support/httpFixture';
import { startServer, type TestClient } from '../support/lspClient';

function docText(origin: string): string {
  return `# Probe Incubation Due Diligence

## Governance

### Required

- [x] **Document complete list of current maintainers.**

  The list is in [MAINTAINERS](${origin}/missing) and moved to ${origin}/moved-308 and [home](${origin}/ok).
`;
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, (s) => { out += s + '\n'; }, () => {});
  return { code, out };
}

describe('links: wired into the CLI and the server', function () {
  this.timeout(30_000);
  let fx: HttpFixture;
  const dir = mkdtempSync(join(tmpdir(), 'diligence-links-'));
  before(async () => { fx = await startHttpFixture(); });
  after(async () => { await fx.close(); });
  beforeEach(() => fx.reset());

  it('CLI check reports broken and redirected links, and a second run with --cache-dir makes no request', async () => {
    const file = join(dir, 'dd.md');
    writeFileSync(file, docText(fx.origin));
    const args = ['check', file, '--format', 'json', '--allow-private-hosts', '--cache-dir', dir];
    const r = await cli(args);
    const codes = JSON.parse(r.out).files[0].diagnostics.map((d: { code: string }) => d.code);
    assert.ok(codes.includes('link-broken'), codes.join());
    assert.ok(codes.includes('link-redirected'), codes.join());
    const first = fx.requests.length;
    assert.ok(first >= 3);
    const again = await cli(args);
    assert.deepEqual(JSON.parse(again.out).files[0].diagnostics.map((d: { code: string }) => d.code), codes);
    assert.equal(fx.requests.length, first, 'the persisted cache answered');
  });

  it('CLI refuses loopback addresses unless allowed, and --offline makes no request at all', async () => {
    const file = join(dir, 'dd2.md');
    writeFileSync(file, docText(fx.origin));
    const guarded = await cli(['check', file, '--format', 'json']);
    assert.ok(!guarded.out.includes('link-broken'));
    await cli(['check', file, '--offline']);
    assert.equal(fx.requests.length, 0, 'no request reached the loopback server');
  });

  it('CLI: an unreachable network gives one links-not-checked, not one per link', async () => {
    const file = join(dir, 'dd3.md');
    writeFileSync(file, docText('http://127.0.0.1:9').replace('[home](http://127.0.0.1:9/ok)', '[home](http://127.0.0.2:9/ok)'));
    const r = await cli(['check', file, '--format', 'json', '--allow-private-hosts', '--link-timeout', '2000']);
    const diags = JSON.parse(r.out).files[0].diagnostics as Array<{ code: string }>;
    assert.equal(diags.filter((d) => d.code === 'links-not-checked').length, 1);
    assert.equal(diags.filter((d) => d.code === 'link-unreachable').length, 0);
  });

  it('CLI: a scheme-less link gets one finding (link-malformed), not also link-broken on the same range', async () => {
    const file = join(dir, 'dd4.md');
    writeFileSync(file, '# Probe Incubation Due Diligence\n\n## Governance\n\n### Required\n\n- [ ] **Review the [Sandbox](sandbox.cncf.io) expectations.**\n\n  See [the site](sandbox.cncf.io) too.\n');
    const r = await cli(['check', file, '--format', 'json']);
    const diags = JSON.parse(r.out).files[0].diagnostics as Array<{ code: string; range: { start: { line: number; character: number } } }>;
    const onLink = diags.filter((d) => d.code.startsWith('link-'));
    assert.deepEqual(onLink.map((d) => d.code), ['link-malformed', 'link-malformed'], JSON.stringify(onLink));
  });

  describe('server', () => {
    let client: TestClient;
    afterEach(async () => { await client?.close(); });

    it('publishes local diagnostics first, link diagnostics after, and a quick fix to the final URL', async () => {
      client = startServer();
      await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings: { links: { allowPrivateHosts: true } } } });
      await client.connection.sendNotification('initialized', {});
      const uri = 'file:///work/probe-dd.md';
      const text = docText(fx.origin);
      const local = client.diagnostics(uri);
      const withLinks = client.diagnostics(uri, (d) => d.some((x) => x.code === 'link-broken') && d.some((x) => x.code === 'link-redirected'));
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const first = await local;
      assert.ok(!first.some((d) => String(d.code).startsWith('link-broken')), 'the first publish is the local one');
      const later = await withLinks;
      const moved = later.find((d) => d.code === 'link-redirected')!;
      const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: moved.range, context: { diagnostics: [moved] } }) as CodeAction[];
      const fix = actions.find((a) => a.isPreferred && a.diagnostics?.some((d) => d.code === 'link-redirected'))!;
      assert.ok(fix, actions.map((a) => a.title).join(' | '));
      const after = applyEdits(text, fix.edit!.changes![uri]! as TextEdit[]);
      assert.ok(after.includes(`moved to ${fx.origin}/ok and`), after);
    });

    it('GitHub links over the protocol: "Pin to commit" and "Change to <closest path>" produce the right text', async () => {
      const gh = await startFakeGitHub([
        repo('acme/rocket', { 'GOVERNANCE.md': '# Governance\n', 'docs/TECHNICAL-CHARTER.md': '# Charter\n' }, { branches: { main: sha('acme/rocket@main') } }),
      ]);
      try {
        client = startServer();
        await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings: { github: { apiUrl: gh.apiUrl }, links: { allowPrivateHosts: true }, evidence: { devstatsUrl: '' } } } });
        await client.connection.sendNotification('initialized', {});
        await client.connection.sendNotification('diligence/setGitHubToken', { token: gh.token });
        const web = gh.apiUrl; // the web host of a GitHub Enterprise at this API URL
        const uri = 'file:///work/rocket-dd.md';
        const text = `# Rocket Incubation Due Diligence\n\n## Governance\n\n### Required\n\n- [x] **Clear and discoverable project governance documentation.**\n\n  See [governance](${web}/acme/rocket/blob/main/GOVERNANCE.md#L1) and the [charter](${web}/acme/rocket/blob/main/docs/TECHNICAL-CHARTR.md).\n`;
        const found = client.diagnostics(uri, (d) => d.some((x) => x.code === 'link-unpinned') && d.some((x) => x.code === 'link-broken'));
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
        const diags = await found;
        const fix = async (code: string): Promise<string> => {
          const d = diags.find((x) => x.code === code)!;
          const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
          const a = actions.find((x) => x.isPreferred && x.diagnostics?.some((y) => y.code === code));
          assert.ok(a, actions.map((x) => x.title).join(' | '));
          return applyEdits(text, a.edit!.changes![uri]! as TextEdit[]);
        };
        const pinned = await fix('link-unpinned');
        assert.ok(pinned.includes(`[governance](${web}/acme/rocket/blob/${sha('acme/rocket@main')}/GOVERNANCE.md#L1)`), pinned);
        const renamed = await fix('link-broken');
        assert.ok(renamed.includes(`[charter](${web}/acme/rocket/blob/main/docs/TECHNICAL-CHARTER.md)`), renamed);
        assert.ok(gh.requests.every((r) => r.authorization === `token ${gh.token}` || r.authorization === `bearer ${gh.token}`), 'the API got the token');
      } finally {
        await client.close();
        await gh.close();
      }
    });

    it('makes no request when the client says the workspace is untrusted', async () => {
      client = startServer();
      await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { trusted: false, settings: { links: { allowPrivateHosts: true } } } });
      await client.connection.sendNotification('initialized', {});
      const uri = 'file:///work/untrusted-dd.md';
      const notChecked = client.diagnostics(uri, (d) => d.some((x) => x.code === 'links-not-checked'));
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: docText(fx.origin) } });
      await notChecked;
      assert.equal(fx.requests.length, 0);
    });
  });
});
