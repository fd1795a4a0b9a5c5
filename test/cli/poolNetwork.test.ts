import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpFixture, type HttpFixture } from '../support/httpFixture';
import { ensureBuilt } from '../support/lspClient';
import { ROOT } from '../support/docs';
import { linksForCall } from '../../server/src/cli/poolRpc';

const CLI = join(ROOT, 'dist', 'cli.cjs');

interface Run { code: number | null; out: string; err: string }

/** The bundled CLI in a process of its own, asynchronously: the fixture answers in this one. */
function cli(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, GITHUB_TOKEN: '', ...env }, maxBuffer: 1 << 26 }, (error, out, err) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, out, err });
    });
  });
}

describe('CLI: the worker threads share the main thread\'s link checker and network session (issue 21)', function () {
  this.timeout(180_000);
  let fx: HttpFixture;
  /** the GitHub API (another host: links to the API's web host would be GitHub links) */
  let api: HttpFixture;
  let inFlight = 0;
  let mostInFlight = 0;
  const dir = mkdtempSync(join(tmpdir(), 'diligence-pool-net-'));
  const files = ['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md'];

  // every /p/N answers 200 after 100 ms; how many are answered at once is recorded
  const page = (_q: http.IncomingMessage, res: http.ServerResponse): void => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>ok</p>');
    }, 100);
  };

  before(async () => {
    const routes: Record<string, typeof page> = {};
    for (let i = 0; i < 40; i++) routes[`/p/${i}`] = page;
    fx = await startHttpFixture({ routes });
    api = await startHttpFixture();
    // the same 8 pages cited by every file, and 3 of its own each
    for (const [n, f] of files.entries()) {
      const shared = Array.from({ length: 8 }, (_, i) => `[s${i}](${fx.origin}/p/${i})`).join(' ');
      const own = Array.from({ length: 3 }, (_, i) => `[o${i}](${fx.origin}/p/${10 + n * 3 + i})`).join(' ');
      writeFileSync(join(dir, f), `# Acme ${n} Incubation Due Diligence\n\n## Governance\n\n- [ ] **Crit** ${shared} $LEVEL\n\n- [ ] **Other** ${own} and [gone](${fx.origin}/missing)\n`);
    }
  });
  after(async () => { await fx.close(); await api.close(); });
  beforeEach(() => {
    fx.reset();
    api.reset();
    mostInFlight = 0;
  });

  const args = (): string[] => ['check', ...files, '--format', 'json', '--allow-private-hosts', '--github-api-url', `${api.origin.replace('127.0.0.1', 'localhost')}/api`];
  const paths = (r: Run): string[] => (JSON.parse(r.out) as { files: Array<{ path: string }> }).files.map((f) => f.path);

  it('requests each URL once per run, holds the per-host limit across the pool, prints as one thread does', async () => {
    ensureBuilt();
    const pooled = await cli(args(), dir, { DILIGENCE_JOBS: '3' });
    assert.equal(pooled.err, '');
    for (let i = 0; i < 8; i++) assert.equal(fx.count(`/p/${i}`), 1, `/p/${i}, cited by every file, requested once`);
    for (let i = 10; i < 28; i++) assert.equal(fx.count(`/p/${i}`), 1, `/p/${i}`);
    assert.equal(fx.count('/missing'), 1);
    assert.ok(mostInFlight <= 4, `at most diligence.links.concurrency (4) requests to the host at once, not 4 per worker: ${mostInFlight}`);
    const apiRequests = api.requests.length;
    assert.ok(apiRequests >= 1, 'the template was asked of the (fake) GitHub API');
    assert.deepEqual(paths(pooled), files, 'the order of the arguments');
    assert.match(pooled.out, /link-broken/);

    fx.reset();
    api.reset();
    const one = await cli(args(), dir, { DILIGENCE_JOBS: '1' });
    assert.deepEqual({ ...pooled, out: JSON.parse(pooled.out) as unknown }, { ...one, out: JSON.parse(one.out) as unknown }, 'the same output as one thread');
    assert.equal(api.requests.length, apiRequests, 'the template asked of the GitHub API as often as by one thread');
  });

  it('a worker that crashes is an error for its files, the others are printed in order', async () => {
    ensureBuilt();
    const r = await cli(args(), dir, { DILIGENCE_JOBS: '3', DILIGENCE_TEST_WORKER_FAULT: 'crash:c.md' });
    assert.equal(r.code, 2);
    assert.match(r.err, /c\.md: not checked: its worker thread ended \(code 3\) before checking it/);
    const printed = paths(r);
    assert.ok(!printed.includes('c.md'));
    assert.deepEqual(printed, files.filter((f) => printed.includes(f)), 'in the order of the arguments');
    for (const f of files) assert.ok(printed.includes(f) !== new RegExp(`${f.replace('.', '\\.')}: not checked`).test(r.err), `${f}: printed or said not checked`);
  });

  it('a worker that hangs is stopped: an error for its files, never a hang', async () => {
    ensureBuilt();
    const r = await cli(args(), dir, { DILIGENCE_JOBS: '2', DILIGENCE_TEST_WORKER_FAULT: 'hang:b.md', DILIGENCE_WORKER_TIMEOUT_MS: '5000' });
    assert.equal(r.code, 2);
    assert.match(r.err, /b\.md: not checked: its worker thread gave no answer for 5 s and was stopped/);
    assert.ok(!paths(r).includes('b.md'));
  });

  it('sends the checker each URL once, with its target, in document order', () => {
    const l = (url: string, target: 'web' | 'relative') => ({ url, target }) as Parameters<typeof linksForCall>[0][number];
    assert.deepEqual(linksForCall([l('https://a/', 'web'), l('x.md', 'relative'), l('https://a/', 'web'), l('https://b/', 'web')]), [
      { url: 'https://a/', target: 'web' }, { url: 'x.md', target: 'relative' }, { url: 'https://b/', target: 'web' },
    ]);
  });
});
