import assert from 'node:assert/strict';
import fc from 'fast-check';
import { noCancellation } from '../../server/src/service/host';
import { classifyAddress } from '../../server/src/service/links/ipRanges';
import { LinkCache } from '../../server/src/service/links/cache';
import { DEFAULT_CONFIG } from '../../server/src/service/config';
import { analyseText } from '../../server/src/service/model/index';
import { createLinkChecker, linksToCheck } from '../../server/src/service/links/checker';
import { linkFindings } from '../../server/src/service/links/findings';
import type { HttpClient } from '../../server/src/service/links/types';
import { createNodeHttpClient, type NodeHttpClient } from '../../server/src/node/httpClient';
import { startHttpFixture, type HttpFixture } from '../support/httpFixture';

describe('links: untrusted URLs and files (issue 20, item 11)', function () {
  this.timeout(20_000);
  let fx: HttpFixture;
  let http: NodeHttpClient;
  before(async () => {
    fx = await startHttpFixture();
    http = createNodeHttpClient();
  });
  after(async () => {
    http.close();
    await fx.close();
  });
  beforeEach(() => fx.reset());

  const head = (url: string) =>
    http.request({ method: 'HEAD', url, headers: {}, timeoutMs: 5000, maxBodyBytes: 1000, wantBody: false, allowPrivateHosts: true }, noCancellation);

  it('never sends URL userinfo as Basic auth to the target', async () => {
    const url = fx.origin.replace('http://', 'http://user:secret@') + '/ok';
    const r = await head(url);
    assert.equal(r.ok && r.status, 200);
    assert.equal(fx.requests.length, 1);
    assert.equal(fx.requests[0]!.headers.authorization, undefined);
  });

  it('reuses kept-alive connections for sequential requests to one host', async () => {
    const fresh = createNodeHttpClient();
    try {
      for (let i = 0; i < 100; i++) {
        const r = await fresh.request({ method: 'HEAD', url: `${fx.origin}/ok?i=${i}`, headers: {}, timeoutMs: 5000, maxBodyBytes: 1000, wantBody: false, allowPrivateHosts: true }, noCancellation);
        assert.equal(r.ok && r.status, 200);
      }
    } finally {
      fresh.close();
    }
    assert.equal(fx.requests.length, 100);
    console.log(`    ${fx.connections()} connections for 100 requests`);
    assert.ok(fx.connections() <= 3, `${fx.connections()} connections for 100 requests`);
  });
});

describe('links: a persisted cache entry cannot outlive its TTL', () => {
  const now = 1_000_000_000_000;
  const entry = (checkedAt: number, expires: number) => JSON.stringify({ format: 1, entries: [['https://x.test/', { value: { checkedAt, problems: [] }, expires }]] });

  it('caps a far-future `expires` at checkedAt + ttl', () => {
    const c = new LinkCache();
    assert.equal(c.loadJSON(entry(now - 10_000, now + 365 * 24 * 3600_000), now, 3600_000), 1);
    assert.ok(c.get('https://x.test/', now + 3600_000 - 10_001));
    assert.equal(c.get('https://x.test/', now + 3600_000), undefined);
  });

  it('without a TTL, caps at the largest TTL the settings allow (30 days)', () => {
    const c = new LinkCache();
    c.loadJSON(entry(now, now + 365 * 24 * 3600_000), now);
    assert.equal(c.get('https://x.test/', now + 30 * 24 * 3600_000), undefined);
  });

  it('a read with the configured TTL does not serve an entry older than it', () => {
    const c = new LinkCache();
    c.loadJSON(entry(now - 2 * 3600_000, now + 24 * 3600_000), now);
    assert.ok(c.get('https://x.test/', now));
    assert.equal(c.get('https://x.test/', now, 3600_000), undefined);
  });

  it('drops an entry checked in the future', () => {
    const c = new LinkCache();
    assert.equal(c.loadJSON(entry(now + 365 * 24 * 3600_000, now + 366 * 24 * 3600_000), now, 3600_000), 0);
  });
});

describe('links: IPv4-translated and tunnelled IPv6 ranges are not public', () => {
  const cases: [string, string][] = [
    ['::ffff:0:127.0.0.1', 'loopback'], // RFC 6145 IPv4-translated
    ['::ffff:0:a00:1', 'private'],
    ['::ffff:0:169.254.169.254', 'metadata'],
    ['::ffff:0:8.8.8.8', 'public'],
    ['64:ff9b:1::10.0.0.1', 'reserved'], // RFC 8215 local-use NAT64: wherever the IPv4 address sits
    ['64:ff9b:1:ffff::8.8.8.8', 'reserved'],
    ['64:ff9b:1::8.8.8.8', 'reserved'],
    ['2001::1', 'reserved'], // Teredo
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['2001:1::1', 'public'], // outside 2001::/32
    ['64:ff9b::8.8.8.8', 'public'], // the well-known NAT64 prefix still goes by its IPv4 address
    ['2001:4860:4860::8888', 'public'],
  ];
  for (const [ip, cls] of cases) it(`${ip} is ${cls}`, () => assert.equal(classifyAddress(ip), cls));

  const groups = (n: number) => fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: n, maxLength: n });
  const hex = (g: number[]) => g.map((x) => x.toString(16)).join(':');
  it('no address in ::ffff:0:0/96 with a non-public IPv4, in 64:ff9b:1::/48 or 2001::/32 is public', () => {
    fc.assert(
      fc.property(groups(6), groups(5), groups(2), (teredo, nat64, v4) => {
        assert.notEqual(classifyAddress(`2001:0:${hex(teredo)}`), 'public');
        assert.notEqual(classifyAddress(`64:ff9b:1:${hex(nat64)}`), 'public');
        const translated = `::ffff:0:${hex(v4)}`;
        const inner = `${v4[0]! >> 8}.${v4[0]! & 255}.${v4[1]! >> 8}.${v4[1]! & 255}`;
        assert.equal(classifyAddress(translated), classifyAddress(inner));
      }),
    );
  });
});

describe('links: a document checks at most 5,000 links', function () {
  this.timeout(60_000);
  it('5,100 distinct links (and repeats): 5,000 requests, one links-not-checked saying 100 were skipped', async () => {
    // (on 25 hosts: a host's pages are bounded too, below)
    const urls = Array.from({ length: 5_100 }, (_, i) => `https://h${i % 25}.example.test/p/${i}`);
    const text = '# Doc\n\n' + [...urls, ...urls.slice(0, 50), urls[5_099]].map((u) => `- <${u}>`).join('\n') + '\n';
    const model = analyseText(text);
    const asked: string[] = [];
    const http: HttpClient = { request: async (req) => (asked.push(req.url), { ok: true, status: 200, headers: {} }) };
    const checker = createLinkChecker({ http, cache: new LinkCache(), retryDelayMs: 0 });
    const config = structuredClone(DEFAULT_CONFIG);
    const report = await checker.check(linksToCheck(model.links), { documentUri: 'file:///ws/doc.md', config }, noCancellation);
    assert.equal(asked.length, 5_000);
    assert.equal(new Set(asked).size, 5_000);
    assert.ok(!asked.includes(urls[5_000]!));
    assert.equal(report.results.size, 5_000);
    assert.equal(report.notChecked?.reason, 'too-many');
    assert.match(report.notChecked?.message ?? '', /^100 links were not checked: a document's first 5,000 links are checked/);
    const notChecked = linkFindings(model, report).filter((f) => f.code === 'links-not-checked');
    assert.equal(notChecked.length, 1);
  });

  it('at most 250 pages of one host per document; pages in the cache and other hosts are not held back', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `https://big.example.test/p/${i}`);
    const other = Array.from({ length: 5 }, (_, i) => `https://small.example.test/p/${i}`);
    const text = '# Doc\n\n' + [...many, ...other].map((u) => `- <${u}>`).join('\n') + '\n';
    const model = analyseText(text);
    const asked: string[] = [];
    const http: HttpClient = { request: async (req) => (asked.push(req.url), { ok: true, status: 200, headers: {} }) };
    const cache = new LinkCache();
    const checker = createLinkChecker({ http, cache, retryDelayMs: 0 });
    const config = structuredClone(DEFAULT_CONFIG);
    const check = () => checker.check(linksToCheck(model.links), { documentUri: 'file:///ws/doc.md', config }, noCancellation);
    const report = await check();
    assert.equal(asked.filter((u) => u.includes('big.')).length, 250);
    assert.deepEqual(asked.filter((u) => u.includes('big.')), many.slice(0, 250), 'the first ones, in document order');
    assert.equal(asked.filter((u) => u.includes('small.')).length, 5);
    assert.equal(report.results.size, 255);
    assert.equal(report.notChecked?.reason, 'too-many');
    assert.equal(report.notChecked?.message, "50 links were not checked: a document's first 250 pages on one host are checked, no more (big.example.test).");
    // the next check: the 250 answered from the cache, the next 50 requested
    asked.length = 0;
    const again = await check();
    assert.deepEqual(asked, many.slice(250));
    assert.equal(again.results.size, 305);
    assert.equal(again.notChecked, undefined);
  });
});
