/**
 * Link checks and the GitHub API through an HTTP proxy (issue 22): a real proxy on 127.0.0.1
 * that tunnels CONNECT (https) and forwards absolute-form requests (http), counting what it is
 * asked; NO_PROXY bypasses it; the private-address guard still refuses literal IPs and names
 * this machine resolves to a private address, and leaves names only the proxy resolves to it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { withEditorProxy } from '../../server/src/handlers/editorProxy';
import { createNodeHttpClient, type ResolvedAddress } from '../../server/src/node/httpClient';
import { NetworkSession } from '../../server/src/node/networkSession';
import { bypassesProxy, resolveProxy } from '../../server/src/node/proxy';
import { resolveConfig } from '../../server/src/service/config';
import { noCancellation } from '../../server/src/service/host';
import { linksToCheck } from '../../server/src/service/links/checker';
import type { HttpRequest } from '../../server/src/service/links/types';
import { analyseText } from '../../server/src/service/model/index';
import { startTestProxy, type TestProxy } from '../support/connectProxy';
import { repo, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { startHttpFixture, type HttpFixture } from '../support/httpFixture';
import { linkConfig } from '../support/linkEnv';

/** this machine's resolver: one name resolves to loopback, every other name is unknown here (the proxy knows them) */
async function localResolve(host: string): Promise<ResolvedAddress[]> {
  if (host === 'near.example.test') return [{ address: '127.0.0.1', family: 4 }];
  const e: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${host}`);
  e.code = 'ENOTFOUND';
  throw e;
}

const get = (url: string, allowPrivateHosts = false): HttpRequest => ({ url, method: 'GET', headers: {}, timeoutMs: 5000, maxBodyBytes: 100_000, wantBody: false, allowPrivateHosts });

describe('links: through an HTTP proxy', function () {
  this.timeout(30_000);
  let proxy: TestProxy;
  let web: HttpFixture;
  before(async () => {
    proxy = await startTestProxy();
    web = await startHttpFixture();
    proxy.map('docs.example.test', web.port);
  });
  after(async () => {
    await proxy.close();
    await web.close();
  });
  beforeEach(() => {
    proxy.reset();
    web.reset();
  });

  it('the setting: off by default; env reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY; a URL for every scheme', () => {
    assert.equal(resolveProxy(''), undefined);
    assert.equal(resolveConfig({}).http.proxy, '');
    assert.equal(resolveProxy('env', {}), undefined);
    const env = resolveProxy('env', { https_proxy: 'http://p.corp:3128', HTTP_PROXY: 'q.corp:8080', NO_PROXY: 'localhost, .corp.example ,intranet:8443' })!;
    assert.equal(env.https?.href, 'http://p.corp:3128/');
    assert.equal(env.http?.href, 'http://q.corp:8080/');
    assert.deepEqual(env.noProxy, ['localhost', '.corp.example', 'intranet:8443']);
    assert.ok(bypassesProxy(new URL('https://wiki.corp.example/x'), env.noProxy));
    assert.ok(bypassesProxy(new URL('https://corp.example/x'), env.noProxy));
    assert.ok(bypassesProxy(new URL('https://intranet:8443/'), env.noProxy));
    assert.ok(!bypassesProxy(new URL('https://intranet/'), env.noProxy), 'another port');
    assert.ok(!bypassesProxy(new URL('https://github.com/'), env.noProxy));
    // VS Code's http.noProxy adds to NO_PROXY
    assert.deepEqual(resolveProxy('http://p:3128', { NO_PROXY: 'a.test' }, ['B.test'])!.noProxy, ['a.test', 'b.test']);
    const problems: string[] = [];
    assert.equal(resolveConfig({ http: { proxy: 'socks5://user:secret@p:1080' } }, problems).http.proxy, '');
    assert.equal(problems.length, 1);
    assert.ok(!problems[0]!.includes('secret'), 'the password is not repeated');
  });

  it('"vscode": VS Code\'s http.proxy and http.noProxy, read only then; without http.proxy, the environment\'s', async () => {
    let reads = 0;
    const vs = async (): Promise<unknown> => { reads++; return { proxy: 'http://corp-proxy:3128', noProxy: ['intranet.test'] }; };
    assert.deepEqual(await withEditorProxy({ http: { proxy: 'vscode' }, reviewer: { name: 'J' } }, vs), { http: { proxy: 'http://corp-proxy:3128', noProxy: ['intranet.test'] }, reviewer: { name: 'J' } });
    assert.deepEqual(resolveConfig(await withEditorProxy({ http: { proxy: 'vscode' } }, vs)).http, { proxy: 'http://corp-proxy:3128', noProxy: ['intranet.test'] });
    assert.equal(reads, 2);
    await withEditorProxy({ http: { proxy: 'env' } }, vs);
    assert.equal(reads, 2, 'VS Code\'s settings are not read for another value');
    assert.deepEqual(await withEditorProxy({ http: { proxy: 'vscode' } }, async () => ({ proxy: '' })), { http: { proxy: 'env', noProxy: [] } });
    // a client that cannot be asked (or outside VS Code): the environment's
    assert.equal(resolveConfig({ http: { proxy: 'vscode' } }).http.proxy, 'env');
  });

  it('http: absolute form through the proxy, its credentials to the proxy only; the target sees none', async () => {
    const client = createNodeHttpClient({ resolve: localResolve, proxy: resolveProxy(`http://diligence:s3cret@127.0.0.1:${new URL(proxy.url).port}`, {})! });
    try {
      const r = await client.request(get('http://docs.example.test/ok'), noCancellation);
      assert.ok(r.ok && r.status === 200, JSON.stringify(r));
      assert.deepEqual(proxy.records.map((x) => [x.kind, x.target]), [['forward', 'http://docs.example.test/ok']]);
      assert.equal(proxy.records[0]!.proxyAuthorization, `Basic ${Buffer.from('diligence:s3cret').toString('base64')}`);
      assert.equal(web.requests.length, 1);
      assert.equal(web.requests[0]!.headers['proxy-authorization'], undefined);
      assert.equal(web.requests[0]!.headers.host, 'docs.example.test');
    } finally {
      client.close();
    }
  });

  it('the private-address guard: literal IPs and names resolved here are refused before the proxy is asked', async () => {
    const client = createNodeHttpClient({ resolve: localResolve, proxy: resolveProxy(proxy.url, {})! });
    try {
      const literal = await client.request(get(`http://127.0.0.1:${web.port}/ok`), noCancellation);
      assert.ok(!literal.ok && literal.kind === 'blocked-address', JSON.stringify(literal));
      const near = await client.request(get('http://near.example.test/ok'), noCancellation);
      assert.ok(!near.ok && near.kind === 'blocked-address' && near.message.includes('resolves to 127.0.0.1 here'), JSON.stringify(near));
      assert.equal(proxy.records.length, 0, 'the proxy was never asked');
      // a name only the proxy resolves is the proxy's to judge (docs/security.md)
      const far = await client.request(get('http://docs.example.test/ok'), noCancellation);
      assert.ok(far.ok && far.status === 200);
      assert.equal(proxy.records.length, 1);
    } finally {
      client.close();
    }
  });

  it('NO_PROXY: a listed host goes direct, the proxy is not asked', async () => {
    const client = createNodeHttpClient({ resolve: async () => [{ address: '127.0.0.1', family: 4 }], proxy: resolveProxy('env', { HTTP_PROXY: proxy.url, NO_PROXY: 'intranet.example.test,127.0.0.1' })! });
    try {
      const direct = await client.request(get(`http://intranet.example.test:${web.port}/ok`, true), noCancellation);
      assert.ok(direct.ok && direct.status === 200);
      const ip = await client.request(get(`http://127.0.0.1:${web.port}/ok`, true), noCancellation);
      assert.ok(ip.ok && ip.status === 200);
      assert.equal(proxy.records.length, 0);
      assert.equal(web.requests.length, 2);
      const proxied = await client.request(get('http://docs.example.test/ok', true), noCancellation);
      assert.ok(proxied.ok);
      assert.equal(proxy.records.length, 1);
    } finally {
      client.close();
    }
  });

  it('https: a CONNECT tunnel, TLS end to end (certificate made with openssl at test time)', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'diligence-proxy-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=secure.example.test', '-addext', 'subjectAltName=DNS:secure.example.test'], { stdio: 'ignore' });
    } catch {
      console.log('      skipped: openssl is not available to make a certificate');
      this.skip();
    }
    const seen: Array<string | undefined> = [];
    const server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (q, res) => {
      seen.push(q.headers['proxy-authorization']);
      res.writeHead(200, { 'content-length': '2' }).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    proxy.map('secure.example.test', port);
    const client = createNodeHttpClient({ resolve: localResolve, ca: readFileSync(join(dir, 'cert.pem')), proxy: resolveProxy(`http://u:p@127.0.0.1:${new URL(proxy.url).port}`, {})! });
    try {
      const r = await client.request(get(`https://secure.example.test:${port}/x`), noCancellation);
      assert.ok(r.ok && r.status === 200, JSON.stringify(r));
      assert.deepEqual(proxy.records.map((x) => [x.kind, x.target]), [['connect', `secure.example.test:${port}`]]);
      assert.ok(proxy.records[0]!.proxyAuthorization?.startsWith('Basic '));
      assert.deepEqual(seen, [undefined], 'the proxy credentials stay in the CONNECT');
      // the proxy cannot reach a name: unreachable, not broken
      const lost = await client.request(get('https://unknown.example.test/'), noCancellation);
      assert.ok(!lost.ok && lost.kind === 'refused' && lost.message.includes('answered 502 to CONNECT unknown.example.test:443'), JSON.stringify(lost));
    } finally {
      client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  describe('the GitHub API and the CLI', () => {
    let gh: FakeGitHub;
    before(async () => {
      gh = await startFakeGitHub([repo('acme/widget', { 'README.md': '# Widget\n' }, { issues: { 3: { state: 'OPEN' } } })]);
    });
    after(async () => {
      await gh.close();
    });

    it('the session\'s Octokit goes through the proxy with the token for the API only', async () => {
      const session = new NetworkSession({ apiUrl: gh.apiUrl, envToken: gh.token, proxy: proxy.url });
      try {
        const tools = (await session.tools())!;
        const link = `${gh.apiUrl}/acme/widget/issues/3`;
        const r = await tools.linkChecker.check(linksToCheck(analyseText(`# Doc\n\n- <${link}>\n`).links), { documentUri: 'file:///ws/doc.md', config: linkConfig(gh.apiUrl) }, noCancellation);
        assert.deepEqual(r.results.get(link)?.problems, []);
        assert.ok(proxy.records.length > 0 && proxy.records.every((x) => x.kind === 'forward' && x.target.startsWith(`${gh.apiUrl}/`)), JSON.stringify(proxy.records));
        assert.equal(proxy.records.length, gh.requests.length, 'every API request went through the proxy');
        assert.ok(gh.requests.every((q) => q.authorization === `token ${gh.token}`));
      } finally {
        await session.dispose();
      }
    });

    it('CLI --proxy: the check goes through the proxy; a bad value is a usage error', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'diligence-proxy-cli-'));
      const file = join(dir, 'dd.md');
      writeFileSync(file, `# Widget Incubation Due Diligence\n\n- <${gh.apiUrl}/acme/widget/issues/3>\n- <${gh.apiUrl}/acme/widget/issues/4>\n`);
      let out = '';
      let err = '';
      const code = await main(['check', file, '--format', 'json', '--github-api-url', gh.apiUrl, '--proxy', proxy.url], (s) => { out += s; }, (s) => { err += s; });
      assert.ok(code === 0 || code === 1, err);
      const codes = (JSON.parse(out) as { files: Array<{ diagnostics: Array<{ code: string; message: string }> }> }).files[0]!.diagnostics.filter((d) => d.code.startsWith('link')).map((d) => d.code);
      assert.deepEqual(codes, ['link-broken'], out);
      assert.ok(proxy.records.length > 0 && proxy.records.every((x) => x.target.startsWith(`${gh.apiUrl}/`)));
      let usage = '';
      assert.equal(await main(['check', file, '--proxy', 'socks5://p:1080'], () => {}, (s) => { usage += s; }), 2);
      assert.match(usage, /--proxy takes env or an http:\/\/ proxy URL/);
    });
  });
});
