/**
 * Link-checking benchmark, all on 127.0.0.1: a generated document with a few hundred links over
 * four local hosts (30 ms per answer; some broken, redirected, with anchors, duplicated), checked
 * by our checker, markdown-link-check and linkinator; then N GitHub links against the fake GitHub
 * API, cold and warm, with a token (GraphQL) and without (REST). Requests are counted on the servers.
 *
 *   npx tsx bench/links.ts        (npm run bench:links)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DEFAULT_CONFIG } from '../server/src/service/config';
import { noCancellation } from '../server/src/service/host';
import { analyseText } from '../server/src/service/model/index';
import { createLinkChecker, linksToCheck } from '../server/src/service/links/checker';
import { LinkCache } from '../server/src/service/links/cache';
import { createNodeHttpClient } from '../server/src/node/httpClient';
import { createGitHubClient } from '../server/src/web/githubClient';
import { startHttpFixture, type HttpFixture } from '../test/support/httpFixture';
import { repo, startFakeGitHub } from '../test/support/fakeGitHub';

const require = createRequire(import.meta.url);
const markdownLinkCheck = require('markdown-link-check') as (md: string, opts: object, cb: (err: unknown, results: { status: string; link: string }[]) => void) => void;

const DELAY_MS = 30;
const HOSTS = 4;

function document(hosts: HttpFixture[]): { text: string; links: number } {
  const urls: string[] = [];
  for (const h of hosts) {
    for (let i = 0; i < 50; i++) urls.push(`${h.origin}/ok?i=${i}`);
    for (let i = 0; i < 10; i++) urls.push(`${h.origin}/missing?i=${i}`);
    for (let i = 0; i < 10; i++) urls.push(`${h.origin}/moved?i=${i}`);
    for (let i = 0; i < 5; i++) urls.push(`${h.origin}/page#${i % 2 ? 'intro' : 'nope'}`);
  }
  const dups = urls.filter((_, i) => i % 5 === 0);
  const all = [...urls, ...dups];
  const text = '# Benchmark document\n\n' + all.map((u, i) => `- Evidence ${i}: [link](${u})`).join('\n') + '\n';
  return { text, links: all.length };
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function main(): Promise<void> {
  const hosts = await Promise.all(Array.from({ length: HOSTS }, () => startHttpFixture({ delayMs: DELAY_MS })));
  const count = (): number => hosts.reduce((n, h) => n + h.requests.length, 0);
  const resetAll = (): void => hosts.forEach((h) => h.reset());
  const { text, links } = document(hosts);
  await mkdir('bench/out', { recursive: true });
  const file = 'bench/out/links-bench.md';
  await writeFile(file, text);

  const config = structuredClone(DEFAULT_CONFIG);
  config.links.allowPrivateHosts = true;
  const http = createNodeHttpClient();
  const model = analyseText(text);
  const cache = new LinkCache();
  const checker = createLinkChecker({ http, cache });
  const rows: [string, number, number, string][] = [];

  resetAll();
  const ours = await time(() => checker.check(linksToCheck(model.links), { documentUri: 'file:///bench.md', config }, noCancellation));
  const oursReq = count();
  const oursProblems = [...ours.value.results.values()].reduce((n, r) => n + r.problems.length, 0);
  rows.push(['diligence (cold)', ours.ms, oursReq, `${oursProblems} problems`]);

  resetAll();
  const warm = await time(() => checker.check(linksToCheck(model.links), { documentUri: 'file:///bench.md', config }, noCancellation));
  rows.push(['diligence (warm cache)', warm.ms, count(), '']);

  resetAll();
  const mlc = await time(
    () =>
      new Promise<{ status: string }[]>((resolve, reject) =>
        markdownLinkCheck(text, { timeout: '10s', retryOn429: false }, (err, results) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(results))),
      ),
  );
  rows.push(['markdown-link-check', mlc.ms, count(), `${mlc.value.filter((r) => r.status === 'dead').length} dead`]);

  resetAll();
  const { LinkChecker } = await import('linkinator');
  const lk = await time(() => new LinkChecker().check({ path: file, markdown: true, recurse: false, concurrency: 100, timeout: 10_000 }));
  rows.push(['linkinator', lk.ms, count(), `${lk.value.links.filter((l) => l.state === 'BROKEN').length} broken`]);

  http.close();
  await Promise.all(hosts.map((h) => h.close()));

  console.log(`\n${links} links (${new Set(model.links.map((l) => l.url)).size} distinct) over ${HOSTS} local hosts, ${DELAY_MS} ms per answer\n`);
  console.log('| checker | wall time | vs diligence | HTTP requests | notes |');
  console.log('|---|---:|---:|---:|---|');
  for (const [name, ms, req, note] of rows) console.log(`| ${name} | ${ms.toFixed(0)} ms | ${(ms / ours.ms).toFixed(1)}× | ${req} | ${note} |`);

  // GitHub: N links over 5 repositories.
  const N = 100;
  const repos = Array.from({ length: 5 }, (_, r) =>
    repo(`org/repo${r}`, Object.fromEntries(Array.from({ length: 10 }, (_, f) => [`docs/file${f}.md`, `# File ${f}\n\n## Section\n`])), {
      issues: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, { state: 'OPEN' as const, pull: i % 2 === 0 }])),
    }),
  );
  const ghUrls: string[] = [];
  for (let i = 0; ghUrls.length < N; i++) {
    const r = i % 5;
    const k = Math.floor(i / 5);
    ghUrls.push(k % 2 === 0 ? `https://github.com/org/repo${r}/blob/main/docs/file${k % 10}.md#section` : `https://github.com/org/repo${r}/${k % 4 === 1 ? 'pull' : 'issues'}/${(k % 10) + 1}`);
  }
  const ghModel = analyseText('# GH\n\n' + ghUrls.map((u) => `- <${u}>`).join('\n') + '\n');
  const gh = await startFakeGitHub(repos);
  const ghRows: [string, number, number, number][] = [];
  for (const token of [gh.token, undefined]) {
    const github = createGitHubClient({ apiUrl: gh.apiUrl, ...(token ? { token } : {}) });
    const c = createLinkChecker({ http: createNodeHttpClient(), github, githubWebHosts: ['github.com'] });
    const cfg = structuredClone(config);
    cfg.github.apiUrl = gh.apiUrl;
    gh.reset();
    const cold = await time(() => c.check(ghModel.links, { documentUri: 'file:///gh.md', config: cfg }, noCancellation));
    const coldReq = gh.requests.length;
    if (process.env.BENCH_DEBUG) console.log(gh.requests.map((q) => `${q.method} ${q.path} ${q.status ?? ""}`));
    gh.reset();
    const w = await time(() => c.check(ghModel.links, { documentUri: 'file:///gh.md', config: cfg }, noCancellation));
    ghRows.push([token ? 'with token (GraphQL)' : 'no token (REST)', coldReq, gh.requests.length, cold.ms]);
    void w;
  }
  await gh.close();
  console.log(`\n${N} GitHub links (${new Set(ghUrls).size} distinct, 5 repositories), fake GitHub API\n`);
  console.log('| mode | API requests cold | API requests warm | cold wall time |');
  console.log('|---|---:|---:|---:|');
  for (const [mode, cold, warmReq, ms] of ghRows) console.log(`| ${mode} | ${cold} | ${warmReq} | ${ms.toFixed(0)} ms |`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
