import assert from 'node:assert/strict';
import { classifyAddress, isBlockedAddress, isBlockedHostname } from '../../server/src/service/links/ipRanges';
import { parseGitHubUrl, githubWebHost, pinUrl, parseLineAnchor } from '../../server/src/service/links/githubUrl';
import { githubSlug, markdownAnchors, htmlAnchors } from '../../server/src/service/links/slug';
import { closest, closestPath, editDistance } from '../../server/src/service/links/closest';
import { LinkCache } from '../../server/src/service/links/cache';
import { InFlight, Limiter } from '../../server/src/service/links/limiter';
import { compileIgnore, retryWaitMs } from '../../server/src/service/links/checker';

describe('links: address classification', () => {
  const cases: [string, string][] = [
    ['8.8.8.8', 'public'],
    ['140.82.112.3', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:8.8.8.8', 'public'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['fd00:ec2::254', 'metadata'],
    ['fd12:3456::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    ['not-an-ip', 'invalid'],
    ['1.2.3', 'invalid'],
    ['1.2.3.256', 'invalid'],
    ['1:2:3:4:5:6:7:8:9', 'invalid'],
  ];
  for (const [ip, cls] of cases) it(`${ip} is ${cls}`, () => assert.equal(classifyAddress(ip), cls));

  it('blocks everything but public addresses', () => {
    assert.equal(isBlockedAddress('8.8.8.8'), false);
    assert.equal(isBlockedAddress('10.0.0.1'), true);
    assert.equal(isBlockedAddress('garbage'), true);
  });

  it('blocks metadata names and localhost before DNS', () => {
    for (const h of ['metadata.google.internal', 'METADATA.GOOGLE.INTERNAL.', 'localhost', 'api.localhost', '127.0.0.1', '[::1]']) assert.equal(isBlockedHostname(h), true, h);
    for (const h of ['github.com', 'example.org', '8.8.8.8']) assert.equal(isBlockedHostname(h), false, h);
  });
});

describe('links: GitHub URLs', () => {
  it('parses the object kinds', () => {
    const p = (u: string) => parseGitHubUrl(u)?.object;
    assert.deepEqual(p('https://github.com/kserve/kserve'), { kind: 'repo' });
    assert.deepEqual(p('https://github.com/kserve/kserve/blob/master/docs/OWNERS.md#L10-L20'), { kind: 'path', view: 'blob', ref: 'master', path: 'docs/OWNERS.md' });
    assert.deepEqual(p('https://github.com/kserve/community/tree/main?tab=readme-ov-file#x'), { kind: 'path', view: 'tree', ref: 'main', path: '' });
    assert.deepEqual(p('https://github.com/kserve/kserve/pull/3966'), { kind: 'pull', number: 3966 });
    assert.deepEqual(p('https://github.com/cncf/toc/issues/1367'), { kind: 'issue', number: 1367 });
    assert.deepEqual(p('https://github.com/o/r/discussions/5'), { kind: 'discussion', number: 5 });
    assert.deepEqual(p('https://github.com/o/r/commit/abc1234'), { kind: 'commit', sha: 'abc1234' });
    assert.deepEqual(p('https://github.com/o/r/releases/tag/v1.2.0'), { kind: 'release', tag: 'v1.2.0' });
    assert.deepEqual(p('https://github.com/kserve/kserve/releases'), { kind: 'repo' });
    assert.equal(p('https://github.com/orgs/kserve/people'), undefined);
    assert.equal(p('https://gitlab.com/o/r'), undefined);
    assert.equal(p('https://github.com/kserve'), undefined);
    assert.equal(parseGitHubUrl('https://github.com/o/r/blob/main/a.md#Intro')?.fragment, 'Intro');
  });

  it('derives the web host from the API URL (github.com and GitHub Enterprise)', () => {
    assert.equal(githubWebHost('https://api.github.com'), 'github.com');
    assert.equal(githubWebHost('https://ghe.example.com/api/v3'), 'ghe.example.com');
    assert.ok(parseGitHubUrl('https://ghe.example.com/o/r/pull/1', ['ghe.example.com']));
  });

  it('pins a link to a commit, keeping path, query and line anchor', () => {
    const s = 'a'.repeat(40);
    assert.equal(pinUrl('https://github.com/o/r/blob/main/docs/x.md#L10-L20', s), `https://github.com/o/r/blob/${s}/docs/x.md#L10-L20`);
    assert.equal(pinUrl('https://github.com/o/r/tree/main?tab=readme-ov-file#a', s), `https://github.com/o/r/tree/${s}?tab=readme-ov-file#a`);
    assert.equal(pinUrl('https://github.com/o/r/pull/1', s), undefined);
    assert.deepEqual(parseLineAnchor('L10-L20'), { from: 10, to: 20 });
    assert.deepEqual(parseLineAnchor('L7'), { from: 7, to: 7 });
    assert.equal(parseLineAnchor('install'), undefined);
  });
});

describe('links: anchors', () => {
  it('slugs headings as GitHub does', () => {
    assert.equal(githubSlug('Getting Started'), 'getting-started');
    assert.equal(githubSlug("What's new in v2.0?"), 'whats-new-in-v20');
    assert.equal(githubSlug('snake_case & kebab-case'), 'snake_case--kebab-case');
    assert.equal(githubSlug('Über Größe'), 'über-größe');
  });

  it('numbers duplicates and reads setext headings, skipping code', () => {
    const md = '# Title\n\n## Setup\n\n```\n# not a heading\n```\n\n## Setup\n\nOther Heading\n-------------\n\n## `code` and [link](x) **bold**\n<a name="custom"></a>\n';
    assert.deepEqual(markdownAnchors(md), ['title', 'setup', 'setup-1', 'other-heading', 'code-and-link-bold', 'custom']);
  });

  it('collects HTML ids and names', () => {
    assert.deepEqual(htmlAnchors('<h1 id="a">x</h1><a name=\'b\'></a><div data-id="no" id=c>'), ['a', 'b', 'c']);
  });
});

describe('links: suggestions', () => {
  it('edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('abcdef', 'zzzzzzzzzz', 2), 3);
  });

  it('finds the misspelt file in the same directory', () => {
    const paths = ['README.md', 'KSERVE-TECHNICAL-CHARTER.md', 'CONTRIBUTING.md', 'security/self-assessment.md'];
    assert.equal(closestPath('KSERVE-TECHICAL-CHARTER.md', paths), 'KSERVE-TECHNICAL-CHARTER.md');
    assert.equal(closestPath('security/self-asessment.md', paths), 'security/self-assessment.md');
    assert.equal(closestPath('contributing.md', paths), 'CONTRIBUTING.md');
    assert.equal(closestPath('totally-unrelated.txt', paths), undefined);
  });

  it('finds the closest anchor only when it is near', () => {
    assert.equal(closest('instal-guide', ['intro', 'install-guide']), 'install-guide');
    assert.equal(closest('zzzz', ['intro', 'install-guide']), undefined);
  });
});

describe('links: cache', () => {
  it('expires, evicts the least recently used, and survives serialisation', () => {
    const c = new LinkCache(2);
    c.set('a', { checkedAt: 1000, problems: [] }, 10_000);
    c.set('b', { checkedAt: 1000, problems: [] }, 10_000);
    assert.ok(c.get('a', 2000)); // a is now the most recent
    c.set('c', { checkedAt: 1000, problems: [] }, 10_000);
    assert.equal(c.get('b', 2000), undefined);
    assert.ok(c.get('a', 2000));
    assert.equal(c.get('a', 11_001), undefined);
    const d = new LinkCache();
    d.set('x', { checkedAt: 1000, problems: [{ code: 'link-broken', message: '404' }] }, 10_000);
    const e = new LinkCache();
    assert.equal(e.loadJSON(d.serialize(2000), 2000), 1);
    assert.equal(e.get('x', 2000)?.problems[0]?.code, 'link-broken');
    assert.equal(e.loadJSON('{not json', 2000), 0);
    assert.equal(e.loadJSON(JSON.stringify({ format: 1, entries: [['y', { expires: 99999, value: { nope: 1 } }]] }), 2000), 0);
  });
});

describe('links: limiter', () => {
  it('bounds concurrency per host and overall', async () => {
    const l = new Limiter(2, 3);
    const live = new Map<string, number>();
    let total = 0;
    let maxTotal = 0;
    let maxHost = 0;
    const job = (host: string) =>
      l.run(host, async () => {
        total++;
        live.set(host, (live.get(host) ?? 0) + 1);
        maxTotal = Math.max(maxTotal, total);
        maxHost = Math.max(maxHost, live.get(host)!);
        await new Promise((r) => setImmediate(r));
        total--;
        live.set(host, live.get(host)! - 1);
      });
    await Promise.all([...Array(10)].map((_, i) => job(i % 2 ? 'a' : 'b')));
    assert.equal(maxHost, 2);
    assert.equal(maxTotal, 3);
  });

  it('shares one call among concurrent askers', async () => {
    const f = new InFlight<number>();
    let calls = 0;
    const fn = async () => {
      calls++;
      await new Promise((r) => setImmediate(r));
      return 42;
    };
    assert.deepEqual(await Promise.all([f.run('k', fn), f.run('k', fn), f.run('k', fn)]), [42, 42, 42]);
    assert.equal(calls, 1);
  });
});

describe('links: settings helpers', () => {
  it('ignore patterns: globs and regular expressions', () => {
    const m = compileIgnore(['https://zoom-lfx.*', '/docs\\.google\\.com/i', '/[invalid/']);
    assert.equal(m('https://zoom-lfx.platform.linuxfoundation.org/meetings/kserve'), true);
    assert.equal(m('https://DOCS.google.com/document/d/1'), true);
    assert.equal(m('https://github.com/kserve'), false);
  });

  it('Retry-After in seconds or as a date, x-ratelimit-reset in epoch seconds', () => {
    assert.equal(retryWaitMs({ 'retry-after': '3' }, 0), 3000);
    assert.equal(retryWaitMs({ 'retry-after': new Date(10_000).toUTCString() }, 4000), 6000);
    assert.equal(retryWaitMs({ 'x-ratelimit-reset': '100' }, 40_000), 60_000);
    assert.equal(retryWaitMs({}, 0), undefined);
  });
});
