/**
 * Network faults and address guards beyond test/links/http.test.ts: a TLS error from a
 * self-signed server, a name that does not resolve (the system resolver, `.invalid`), names
 * resolving to every kind of private address, redirects from an allowed host to them; no
 * unhandled rejection anywhere in this file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type DiligenceConfig } from '../../server/src/service/config';
import { noCancellation } from '../../server/src/service/host';
import { analyseText } from '../../server/src/service/model/index';
import { createLinkChecker, linksToCheck, type LinkReport } from '../../server/src/service/links/checker';
import { createNodeHttpClient, type NodeHttpClient, type ResolvedAddress } from '../../server/src/node/httpClient';
import { startHttpFixture, type HttpFixture } from '../support/httpFixture';

function config(over: Partial<DiligenceConfig['links']> = {}): DiligenceConfig {
  const c = structuredClone(DEFAULT_CONFIG);
  c.links = { ...c.links, timeout: 3000, ...over };
  return c;
}

async function check(http: NodeHttpClient, urls: string[], cfg: DiligenceConfig): Promise<LinkReport> {
  const model = analyseText('# Doc\n\n' + urls.map((u) => `- <${u}>`).join('\n') + '\n');
  return createLinkChecker({ http, retryDelayMs: 0 }).check(linksToCheck(model.links), { documentUri: 'file:///ws/doc.md', config: cfg }, noCancellation);
}
const codes = (r: LinkReport, url: string): string[] => (r.results.get(url)?.problems ?? []).map((p) => p.code);

describe('links: network faults and address guards (no unhandled rejection)', function () {
  this.timeout(30_000);
  const rejections: unknown[] = [];
  const onRejection = (e: unknown): void => void rejections.push(e);
  let fx: HttpFixture;
  before(async () => {
    process.on('unhandledRejection', onRejection);
    fx = await startHttpFixture();
  });
  after(async () => {
    await fx.close();
    // a rejection nobody handled surfaces on the next turns of the event loop
    await new Promise((r) => setTimeout(r, 50));
    process.off('unhandledRejection', onRejection);
    assert.deepEqual(rejections, [], 'no unhandled rejection');
  });
  beforeEach(() => fx.reset());

  it('a self-signed HTTPS server: link-unreachable with a TLS error (certificate made with openssl at test time)', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'diligence-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    } catch {
      console.log('      skipped: openssl is not available to make a self-signed certificate');
      this.skip();
    }
    let requests = 0;
    const server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_q, res) => {
      requests++;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const http = createNodeHttpClient();
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/ok`;
      const r = await check(http, [url, `${fx.origin}/ok`], config({ allowPrivateHosts: true }));
      assert.deepEqual(codes(r, url), ['link-unreachable']);
      assert.match(r.results.get(url)!.problems[0]!.message, /TLS error/);
      assert.equal(requests, 0, 'no request got through the handshake');
    } finally {
      http.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('a name that does not resolve (system resolver, .invalid): unreachable, not yet broken', async () => {
    const http = createNodeHttpClient();
    try {
      const url = 'http://diligence-test.invalid/page';
      const r = await check(http, [url, `${fx.origin}/ok`], config({ allowPrivateHosts: true }));
      const p = r.results.get(url)!.problems[0]!;
      // one answer "no such name" is not taken as broken (a later lookup confirms it); DNS itself failing is unreachable too
      assert.ok(p.code === 'link-unreachable' && /could not be found|could not be resolved/.test(p.message), `${p.code}: ${p.message}`);
      assert.deepEqual(codes(r, `${fx.origin}/ok`), []);
    } finally {
      http.close();
    }
  });

  it('a name that does not resolve once is unreachable (short TTL), broken only when confirmed by a later lookup', async () => {
    // a captive portal or a DNS filter answers "no such name" for real hosts: one answer is not proof
    const http = createNodeHttpClient({
      resolve: async (name): Promise<ResolvedAddress[]> => {
        if (name === 'gone.example.org') throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    let t = Date.UTC(2026, 11, 2, 6, 0, 0);
    const checker = createLinkChecker({ http, retryDelayMs: 0, clock: { now: () => new Date(t) } });
    const url = 'http://gone.example.org/page';
    const run = (): Promise<LinkReport> => {
      const model = analyseText(`# Doc\n\n- <${url}>\n- <${fx.origin.replace('127.0.0.1', 'ok.example.org')}/ok>\n`);
      return checker.check(linksToCheck(model.links), { documentUri: 'file:///ws/doc.md', config: config({ allowPrivateHosts: true }) }, noCancellation);
    };
    try {
      const first = (await run()).results.get(url)!.problems[0]!;
      assert.equal(first.code, 'link-unreachable', first.message);
      assert.match(first.message, /could not be found/);
      // within the short TTL: the cached answer, still unreachable
      t += 60_000;
      assert.equal((await run()).results.get(url)!.problems[0]!.code, 'link-unreachable');
      // after it: asked again, the same answer confirms it
      t += 10 * 60_000;
      const second = (await run()).results.get(url)!.problems[0]!;
      assert.equal(second.code, 'link-broken', second.message);
      assert.match(second.message, /does not exist/);
    } finally {
      http.close();
    }
  });

  describe('private addresses (allowPrivateHosts false)', () => {
    const blocked = ['127.0.0.1', '10.1.2.3', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', 'fd00:ec2::254'];
    const asked: string[] = [];
    let http: NodeHttpClient;
    before(() => {
      // public-looking names that resolve to private addresses (one name per address), and
      // a public name that resolves to a public address and the loopback at once
      http = createNodeHttpClient({
        resolve: async (name): Promise<ResolvedAddress[]> => {
          asked.push(name);
          const i = Number(/^host(\d+)\.example\.org$/.exec(name)?.[1] ?? -1);
          if (i >= 0) return [{ address: blocked[i]!, family: blocked[i]!.includes(':') ? 6 : 4 }];
          if (name === 'mixed.example.org') return [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }];
          return [{ address: '127.0.0.1', family: 4 }];
        },
      });
    });
    after(() => http.close());

    it('a name resolving to loopback, private, shared, link-local or metadata addresses is never connected to', async () => {
      for (let i = 0; i < blocked.length; i++) {
        const res = await http.request({ url: `http://host${i}.example.org:${fx.port}/ok`, method: 'HEAD', headers: {}, timeoutMs: 2000, maxBodyBytes: 100, wantBody: false, allowPrivateHosts: false }, noCancellation);
        assert.equal(!res.ok && res.kind, 'blocked-address', `${blocked[i]}: ${JSON.stringify(res)}`);
      }
      const mixed = await http.request({ url: `http://mixed.example.org:${fx.port}/ok`, method: 'HEAD', headers: {}, timeoutMs: 2000, maxBodyBytes: 100, wantBody: false, allowPrivateHosts: false }, noCancellation);
      assert.equal(!mixed.ok && mixed.kind, 'blocked-address', 'one private address among public ones is enough to refuse');
      assert.ok(asked.length >= blocked.length + 1, 'the guard looked at the resolved addresses');
      assert.equal(fx.requests.length, 0);
    });

    it('numeric private hosts are refused before any lookup, through the checker too', async () => {
      asked.length = 0;
      const urls = blocked.map((a) => `http://${a.includes(':') ? `[${a}]` : a}:${fx.port}/ok`);
      const r = await check(http, urls, config());
      assert.equal(fx.requests.length, 0);
      assert.deepEqual(asked, []);
      // not requested; the link says why it has no verdict
      for (const u of urls) assert.deepEqual(codes(r, u), ['link-not-checked'], `${u} is not requested, and says so`);
    });

    it('a redirect from an allowed host to each private address is not followed', async () => {
      // only requests to public.example.org may reach the fixture (it stands in for a public server)
      const relay = { request: (req: Parameters<NodeHttpClient['request']>[0], token: typeof noCancellation) => http.request({ ...req, allowPrivateHosts: new URL(req.url).hostname === 'public.example.org' }, token) };
      const targets = [...blocked.map((_a, i) => `http://host${i}.example.org:${fx.port}/ok`), `http://127.0.0.1:${fx.port}/ok`, `http://[::1]:${fx.port}/ok`, 'http://169.254.169.254/latest/meta-data/', `http://localhost:${fx.port}/ok`, 'http://metadata.google.internal/'];
      const urls = targets.map((t) => `http://public.example.org:${fx.port}/redirect?to=${encodeURIComponent(t)}`);
      const model = analyseText('# D\n\n' + urls.map((u) => `- <${u}>`).join('\n') + '\n');
      const r = await createLinkChecker({ http: relay, retryDelayMs: 0 }).check(linksToCheck(model.links), { documentUri: 'file:///a.md', config: config() }, noCancellation);
      assert.ok(fx.requests.every((q) => q.path.startsWith('/redirect')), fx.requests.map((q) => q.path).join(', '));
      for (const u of urls) assert.match(r.results.get(u)!.problems[0]?.message ?? '', /not followed/, u);
    });
  });
});
