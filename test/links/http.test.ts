import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, type DiligenceConfig } from '../../server/src/service/config';
import { CancellationSource, noCancellation, type FileSystem } from '../../server/src/service/host';
import { analyseText } from '../../server/src/service/model/index';
import { createLinkChecker, linksToCheck, type LinkReport } from '../../server/src/service/links/checker';
import { LinkCache } from '../../server/src/service/links/cache';
import { linkFindings } from '../../server/src/service/links/findings';
import type { LinkResult } from '../../server/src/service/links/types';
import { createNodeHttpClient, type NodeHttpClient } from '../../server/src/node/httpClient';
import { startHttpFixture, type HttpFixture } from '../support/httpFixture';

function config(over: Partial<DiligenceConfig['links']> = {}): DiligenceConfig {
  const c = structuredClone(DEFAULT_CONFIG);
  c.links = { ...c.links, allowPrivateHosts: true, timeout: 2000, ...over };
  return c;
}


describe('links: HTTP checks against a local server', function () {
  this.timeout(20_000);
  let fx: HttpFixture;
  let other: HttpFixture;
  let http: NodeHttpClient;

  before(async () => {
    fx = await startHttpFixture();
    other = await startHttpFixture();
    http = createNodeHttpClient({
      // a public-looking name that resolves to the loopback address: DNS rebinding in miniature
      resolve: async (name) => (name === 'rebind.test' ? [{ address: '127.0.0.1', family: 4 }] : name === 'nx.test' ? Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' })) : [{ address: '127.0.0.1', family: 4 }]),
    });
  });
  after(async () => {
    http.close();
    await fx.close();
    await other.close();
  });
  beforeEach(() => {
    fx.reset();
    other.reset();
  });

  async function run(urls: string[], cfg = config(), opts: { cache?: LinkCache; retryDelayMs?: number; maxRetryWaitMs?: number; sleep?: (ms: number) => Promise<void> } = {}): Promise<LinkReport> {
    const text = '# Doc\n\n' + urls.map((u) => `- <${u}>`).join('\n') + '\n';
    const model = analyseText(text);
    const checker = createLinkChecker({ http, cache: opts.cache ?? new LinkCache(), retryDelayMs: opts.retryDelayMs ?? 0, maxRetryWaitMs: opts.maxRetryWaitMs ?? 10_000, ...(opts.sleep ? { sleep: opts.sleep } : {}) });
    return checker.check(linksToCheck(model.links), { documentUri: 'file:///ws/doc.md', config: cfg }, noCancellation);
  }
  const codes = (r: LinkReport, url: string): string[] => (r.results.get(url)?.problems ?? []).map((p) => p.code);

  it('200 is fine, 404 and 410 are broken, each with one HEAD', async () => {
    const [ok, missing, gone] = [`${fx.origin}/ok`, `${fx.origin}/missing`, `${fx.origin}/gone`];
    const r = await run([ok, missing, gone]);
    assert.deepEqual(codes(r, ok), []);
    assert.deepEqual(codes(r, missing), ['link-broken']);
    assert.deepEqual(codes(r, gone), ['link-broken']);
    assert.deepEqual(fx.requests.map((q) => q.method), ['HEAD', 'HEAD', 'HEAD']);
  });

  it('falls back to GET when HEAD is refused (405, 403)', async () => {
    const r = await run([`${fx.origin}/no-head`, `${fx.origin}/head-403`]);
    assert.deepEqual(codes(r, `${fx.origin}/no-head`), []);
    assert.deepEqual(codes(r, `${fx.origin}/head-403`), []);
    assert.deepEqual(fx.requests.filter((q) => q.path === '/no-head').map((q) => q.method), ['HEAD', 'GET']);
  });

  it('a permanent redirect is link-redirected with the final URL; a temporary one is not reported', async () => {
    const r = await run([`${fx.origin}/moved`, `${fx.origin}/moved-308#intro`, `${fx.origin}/temp`, `${fx.origin}/chain`]);
    const moved = r.results.get(`${fx.origin}/moved`)!.problems;
    assert.equal(moved[0]?.code, 'link-redirected');
    assert.equal(moved[0]?.replacement, `${fx.origin}/ok`);
    assert.equal(r.results.get(`${fx.origin}/chain`)!.problems[0]?.replacement, `${fx.origin}/ok`);
    assert.deepEqual(codes(r, `${fx.origin}/moved-308#intro`), ['link-redirected']);
    assert.deepEqual(codes(r, `${fx.origin}/temp`), []);
  });

  it('a redirect loop stops after 5 hops', async () => {
    const r = await run([`${fx.origin}/loop`]);
    assert.deepEqual(codes(r, `${fx.origin}/loop`), ['link-broken']);
    assert.equal(fx.count('/loop'), 6);
  });

  it('checks fragments against the ids and names of the page, suggesting the closest', async () => {
    const good = `${fx.origin}/page#install-guide`;
    const named = `${fx.origin}/page#legacy`;
    const bad = `${fx.origin}/page#instal-guide`;
    const r = await run([good, named, bad]);
    assert.deepEqual(codes(r, good), []);
    assert.deepEqual(codes(r, named), []);
    const p = r.results.get(bad)!.problems[0]!;
    assert.equal(p.code, 'link-fragment');
    assert.equal(p.replacement, `${fx.origin}/page#install-guide`);
    // one GET for the three links to the same page
    assert.deepEqual(fx.requests.map((q) => `${q.method} ${q.path}`), ['GET /page']);
  });

  it('a markdown page: GitHub heading slugs', async () => {
    const r = await run([`${fx.origin}/doc.md#getting-started-1`, `${fx.origin}/doc.md#api-v2-beta`, `${fx.origin}/doc.md#getting-startd`]);
    assert.deepEqual(codes(r, `${fx.origin}/doc.md#getting-started-1`), []);
    assert.deepEqual(codes(r, `${fx.origin}/doc.md#api-v2-beta`), []);
    assert.equal(r.results.get(`${fx.origin}/doc.md#getting-startd`)!.problems[0]?.replacement, `${fx.origin}/doc.md#getting-started`);
  });

  it('bodies are capped: a 20 MB page and a gzip bomb stay under the cap, and a missing anchor past the cap is not reported', async () => {
    const before = process.memoryUsage().rss;
    const r = await run([`${fx.origin}/huge#nowhere`, `${fx.origin}/gzip-bomb#nowhere`]);
    assert.deepEqual(codes(r, `${fx.origin}/huge#nowhere`), []);
    assert.deepEqual(codes(r, `${fx.origin}/gzip-bomb#nowhere`), []);
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'memory stayed bounded');
  });

  it('a connection reset mid-body and a never-ending body still prove the page exists', async () => {
    const r = await run([`${fx.origin}/reset#start`, `${fx.origin}/endless#x`], config({ timeout: 500 }));
    assert.deepEqual(codes(r, `${fx.origin}/reset#start`), []);
    assert.deepEqual(codes(r, `${fx.origin}/endless#x`), []);
  });

  it('a timeout is link-unreachable', async () => {
    const url = `${fx.origin}/slow?ms=3000`;
    const t0 = Date.now();
    const r = await run([url], config({ timeout: 300 }));
    assert.deepEqual(codes(r, url), ['link-unreachable']);
    assert.ok(Date.now() - t0 < 2500);
  });

  it('5xx is retried once, then link-unreachable; a 500 followed by 200 is fine', async () => {
    const r = await run([`${fx.origin}/error500`, `${fx.origin}/flaky`]);
    assert.deepEqual(codes(r, `${fx.origin}/error500`), ['link-unreachable']);
    assert.equal(fx.count('/error500'), 2);
    assert.deepEqual(codes(r, `${fx.origin}/flaky`), []);
  });

  it('a host name not found is unreachable until a later lookup confirms it (test/links/faults.test.ts); a refused connection is unreachable', async () => {
    const closed = await startHttpFixture();
    const dead = closed.origin;
    await closed.close();
    const r = await run(['http://nx.test/page', `${dead}/x`, `${fx.origin}/ok`]);
    assert.deepEqual(codes(r, 'http://nx.test/page'), ['link-unreachable']);
    assert.match(r.results.get('http://nx.test/page')!.problems[0]!.message, /could not be found; not taken as broken yet/);
    assert.deepEqual(codes(r, `${dead}/x`), ['link-unreachable']);
  });

  it('429 with a short Retry-After: waits (bounded) and retries once', async () => {
    const waits: number[] = [];
    const r = await run([`${fx.origin}/rate-once`], config(), { sleep: async (ms) => void waits.push(ms) });
    assert.deepEqual(codes(r, `${fx.origin}/rate-once`), []);
    assert.deepEqual(waits, [1000]);
    assert.equal(fx.count('/rate-once'), 2);
  });

  it('429 with a long Retry-After: stops asking that host, one links-not-checked with the reset time', async () => {
    const urls = [`${fx.origin}/rate-always`, `${fx.origin}/ok`, `${fx.origin}/page`, `${fx.origin}/missing`];
    const r = await run(urls, config({ concurrency: 1 }));
    assert.equal(fx.requests.length, 1, 'one request, then the host is left alone');
    assert.equal(r.notChecked?.reason, 'rate-limited');
    assert.match(r.notChecked!.message, /resets at \d{4}-\d\d-\d\d \d\d:\d\d UTC(?:[+-]\d\d:\d\d)?\./);
    const model = analyseText('# Doc\n\n' + urls.map((u) => `- <${u}>`).join('\n'));
    const f = linkFindings(model, r);
    assert.equal(f.filter((x) => x.code === 'links-not-checked').length, 1);
    assert.deepEqual(f[0]?.span, model.title!.span);
  });

  it('403 with x-ratelimit-remaining: 0 is a rate limit too', async () => {
    const r = await run([`${fx.origin}/rate-reset`]);
    assert.equal(r.notChecked?.reason, 'rate-limited');
  });

  it('cache hits cost no request, across documents; the cache is persisted without secrets', async () => {
    const cache = new LinkCache();
    const urls = [`${fx.origin}/ok`, `${fx.origin}/missing`, `${fx.origin}/page#intro`];
    await run(urls, config(), { cache });
    const n = fx.requests.length;
    assert.equal(n, 3);
    const r = await run(urls, config(), { cache });
    assert.equal(fx.requests.length, n, 'no request on a warm cache');
    assert.equal(r.results.get(`${fx.origin}/missing`)?.fromCache, true);
    const copy = new LinkCache();
    assert.equal(copy.loadJSON(cache.serialize()), 3);
    await run(urls, config(), { cache: copy });
    assert.equal(fx.requests.length, n, 'no request after reload');
    await run(urls, config({ cacheTtl: 0 }), { cache: new LinkCache() });
    assert.equal(fx.requests.length, 2 * n, 'TTL 0: checked again');
  });

  it('the same URL is requested once even when many links and two documents ask at once', async () => {
    const checker = createLinkChecker({ http, retryDelayMs: 0 });
    const text = '# D\n\n' + Array.from({ length: 10 }, () => `- <${fx.origin}/slow?ms=200>`).join('\n');
    const model = analyseText(text);
    const opts = { documentUri: 'file:///a.md', config: config() };
    await Promise.all([checker.check(model.links, opts, noCancellation), checker.check(model.links, { ...opts, documentUri: 'file:///b.md' }, noCancellation)]);
    assert.equal(fx.count('/slow'), 1);
  });

  it('respects the per-host concurrency limit', async () => {
    let live = 0;
    let max = 0;
    const slow = await startHttpFixture({
      routes: {
        '/w': (_q, res) => {
          live++;
          max = Math.max(max, live);
          setTimeout(() => {
            live--;
            res.writeHead(200);
            res.end();
          }, 30);
        },
      },
    });
    try {
      await run(Array.from({ length: 12 }, (_, i) => `${slow.origin}/w?i=${i}`), config({ concurrency: 3 }));
      assert.equal(max, 3);
    } finally {
      await slow.close();
    }
  });

  it('results arrive progressively, before the check ends', async () => {
    const text = `# D\n\n- <${fx.origin}/ok>\n- <${fx.origin}/slow?ms=400>\n`;
    const model = analyseText(text);
    const seen: string[] = [];
    const checker = createLinkChecker({ http });
    const done = checker.check(model.links, { documentUri: 'file:///a.md', config: config(), onResult: (r: LinkResult) => seen.push(r.url) }, noCancellation);
    const first = await new Promise<string>((resolve) => {
      const t = setInterval(() => {
        if (seen.length > 0) {
          clearInterval(t);
          resolve(seen[0]!);
        }
      }, 5);
    });
    assert.equal(first, `${fx.origin}/ok`);
    await done;
    assert.equal(seen.length, 2);
  });

  it('cancellation stops the check', async () => {
    const source = new CancellationSource();
    const model = analyseText(`# D\n\n- <${fx.origin}/slow?ms=5000>\n`);
    const p = createLinkChecker({ http }).check(model.links, { documentUri: 'file:///a.md', config: config({ timeout: 10_000 }) }, source.token);
    setTimeout(() => source.cancel(), 50);
    const t0 = Date.now();
    await assert.rejects(p, /cancelled/);
    assert.ok(Date.now() - t0 < 3000);
  });

  it('cancellation during a rate-limit wait stops the check, with nothing more sent', async () => {
    const source = new CancellationSource();
    // cancelled once the 429 is in: the checker is then waiting out its Retry-After (1 s)
    const relay = {
      request: async (req: Parameters<NodeHttpClient['request']>[0], token: typeof noCancellation) => {
        const res = await http.request(req, token);
        setImmediate(() => source.cancel());
        return res;
      },
    };
    const model = analyseText(`# D\n\n- <${other.origin}/rate-once>\n`);
    await assert.rejects(createLinkChecker({ http: relay }).check(model.links, { documentUri: 'file:///a.md', config: config() }, source.token), /cancelled/);
    assert.equal(other.count('/rate-once'), 1);
  });

  describe('private addresses', () => {
    it('are refused by default: localhost, 127.0.0.1 and a name resolving to 127.0.0.1 are never requested, and each says why it has no verdict', async () => {
      const urls = [`http://localhost:${fx.port}/ok`, `${fx.origin}/missing`, `http://rebind.test:${fx.port}/missing`, `http://[::ffff:127.0.0.1]:${fx.port}/missing`];
      const r = await run(urls, config({ allowPrivateHosts: false }));
      assert.equal(fx.requests.length, 0);
      for (const u of urls) assert.deepEqual(codes(r, u), ['link-not-checked']);
      assert.match(r.results.get(urls[2]!)!.problems[0]!.message, /^Not checked: rebind\.test:\d+ is a private or local address/);
      assert.equal(r.notChecked, undefined);
    });

    it('the adapter refuses at connect time, even when asked directly', async () => {
      const res = await http.request({ url: `http://rebind.test:${fx.port}/ok`, method: 'HEAD', headers: {}, timeoutMs: 1000, maxBodyBytes: 1000, wantBody: false, allowPrivateHosts: false }, noCancellation);
      assert.equal(res.ok, false);
      assert.equal(!res.ok && res.kind, 'blocked-address');
      assert.equal(fx.requests.length, 0);
    });

    it('a redirect to a private address is not followed', async () => {
      // The fixture stands in for a public server: only requests to the name public.test may reach it.
      const relay = {
        request: (req: Parameters<NodeHttpClient['request']>[0], token: typeof noCancellation) =>
          http.request({ ...req, allowPrivateHosts: new URL(req.url).hostname === 'public.test' }, token),
      };
      const toMetadata = `http://public.test:${fx.port}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`;
      const toRebind = `http://public.test:${fx.port}/redirect?to=${encodeURIComponent(`http://rebind.test:${fx.port}/ok`)}`;
      const model = analyseText(`# D\n\n- <${toMetadata}>\n- <${toRebind}>\n`);
      const r = await createLinkChecker({ http: relay }).check(model.links, { documentUri: 'file:///a.md', config: config({ allowPrivateHosts: false }) }, noCancellation);
      assert.equal(fx.requests.length, 2, 'only the first hops');
      assert.ok(fx.requests.every((q) => q.path.startsWith('/redirect')));
      assert.match(r.results.get(toMetadata)!.problems[0]!.message, /not followed/);
      assert.match(r.results.get(toRebind)!.problems[0]!.message, /not followed/);
    });
  });

  it('never sends an Authorization header, not even through redirects to another host', async () => {
    const url = `${fx.origin}/redirect?to=${encodeURIComponent(`${other.origin}/ok`)}`;
    await run([url, `${fx.origin}/page#intro`]);
    assert.ok(other.requests.length > 0);
    for (const q of [...fx.requests, ...other.requests]) assert.equal(q.headers.authorization, undefined);
  });

  it('offline: every request fails at network level → one links-not-checked, no per-link finding', async () => {
    const a = await startHttpFixture();
    const b = await startHttpFixture();
    const [ua, ub] = [`${a.origin}/x`, `http://localhost:${b.port}/y`];
    await a.close();
    await b.close();
    const r = await run([ua, ub.replace('localhost', '127.0.0.2')]);
    assert.equal(r.notChecked?.reason, 'offline');
    assert.equal(r.results.size, 0);
  });

  it('untrusted workspace: no request at all, one links-not-checked', async () => {
    const model = analyseText(`# D\n\n- <${fx.origin}/ok>\n- [rel](./nope.md)\n`);
    const files: FileSystem = { readFile: async () => undefined, exists: async () => false };
    const r = await createLinkChecker({ http, files }).check(model.links, { documentUri: 'file:///ws/doc.md', config: config(), allowNetwork: false }, noCancellation);
    assert.equal(fx.requests.length, 0);
    assert.equal(r.notChecked?.reason, 'untrusted');
    assert.deepEqual(r.results.get('./nope.md')?.problems.map((p) => p.code), ['link-broken'], 'relative links are still checked');
  });

  it('ignored URLs and other schemes are not checked', async () => {
    const model = analyseText(`# D\n\n- <${fx.origin}/missing>\n- [m](mailto:a@b.c)\n- <ftp://example.org/x>\n`);
    const r = await createLinkChecker({ http }).check(model.links, { documentUri: 'file:///a.md', config: config({ ignore: [`${fx.origin}/*`] }) }, noCancellation);
    assert.equal(fx.requests.length, 0);
    assert.equal(r.results.size, 0);
  });

  it('relative links go through the injected FileSystem, resolved against the document', async () => {
    const existing = new Map([
      ['file:///ws/docs/guide.md', '# Guide\n\n## Install\n'],
      ['file:///ws/img.png', ''],
    ]);
    const asked: string[] = [];
    const files: FileSystem = {
      readFile: async (u) => (asked.push(u), existing.get(u)),
      exists: async (u) => (asked.push(u), existing.has(u)),
    };
    const model = analyseText('# D\n\n[a](docs/guide.md) [b](docs/guide.md#install) [c](docs/guide.md#instal) [d](sub/../img.png) [e](missing.md)\n');
    const r = await createLinkChecker({ http, files }).check(model.links, { documentUri: 'file:///ws/doc.md', config: config() }, noCancellation);
    assert.deepEqual(codes(r, 'docs/guide.md'), []);
    assert.deepEqual(codes(r, 'docs/guide.md#install'), []);
    assert.equal(r.results.get('docs/guide.md#instal')?.problems[0]?.replacement, 'docs/guide.md#install');
    assert.deepEqual(codes(r, 'sub/../img.png'), []);
    assert.deepEqual(codes(r, 'missing.md'), ['link-broken']);
    assert.ok(asked.includes('file:///ws/docs/guide.md'));
  });
});
