import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BYTES_PER_WORKER, poolSize, shares } from '../../server/src/cli/pool';
import { generateDocument } from '../../bench/generate';
import { EXAMPLE, ROOT } from '../support/docs';
import { ensureBuilt } from '../support/lspClient';

const CLI = join(ROOT, 'dist', 'cli.cjs');

describe('CLI: check over many files in worker threads (issue 21)', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'diligence-pool-'));
  const files = ['example.md', 'a.md', 'b.md', 'c.md', 'missing.md', 'rel.md'];
  copyFileSync(EXAMPLE, join(dir, 'example.md'));
  for (const [i, f] of ['a.md', 'b.md', 'c.md'].entries()) writeFileSync(join(dir, f), generateDocument(8_000 + i * 4_000, 40 + i));
  writeFileSync(join(dir, 'rel.md'), '# Acme Due Diligence\n\n## Governance\n\n- [ ] **Crit** [x](gone.md) [y](a.md#no-such-heading) $LEVEL\n');

  const check = (jobs: number, extra: string[] = []) => {
    const r = spawnSync(process.execPath, [CLI, 'check', ...files, ...extra, '--offline'], { cwd: dir, encoding: 'utf8', env: { ...process.env, DILIGENCE_JOBS: String(jobs) } });
    return { out: r.stdout, err: r.stderr, code: r.status };
  };

  it('prints the same as one thread, byte for byte, in the order of the arguments, in every format', () => {
    ensureBuilt();
    for (const format of ['json', 'text', 'sarif', 'github']) {
      const one = check(1, ['--format', format]);
      assert.equal(one.code, 2, 'missing.md cannot be read');
      assert.match(one.err, /missing\.md: no such file/);
      assert.deepEqual(check(3, ['--format', format]), one, format);
    }
    const paths = (JSON.parse(check(2, ['--format', 'json']).out) as { files: Array<{ path: string }> }).files.map((f) => f.path);
    assert.deepEqual(paths, files.filter((f) => f !== 'missing.md'));
  });

  it('keeps the workers\' results in the --cache-dir results, reused by the next run', () => {
    ensureBuilt();
    const cacheDir = join(dir, 'cache');
    const cold = check(2, ['--format', 'json', '--cache-dir', cacheDir]);
    const entries = Object.keys((JSON.parse(readFileSync(join(cacheDir, 'results.json'), 'utf8')) as { entries: object }).entries);
    assert.equal(entries.length, 5, 'one per readable file');
    assert.deepEqual(check(2, ['--format', 'json', '--cache-dir', cacheDir]), cold);
    assert.deepEqual(check(1, ['--format', 'json']), cold);
  });

  it('by default, one worker per core but one, per file and per BYTES_PER_WORKER at most; DILIGENCE_JOBS decides when set', () => {
    const saved = process.env['DILIGENCE_JOBS'];
    try {
      delete process.env['DILIGENCE_JOBS'];
      const mb = Array.from({ length: 41 }, () => 40_000);
      assert.equal(poolSize(mb, 2), 1, 'none on 2 cores');
      assert.equal(poolSize(mb, 4), 3);
      assert.equal(poolSize(mb, 64), Math.floor((41 * 40_000) / BYTES_PER_WORKER));
      assert.equal(poolSize([BYTES_PER_WORKER, 10], 8), 1, 'too little work for two');
      assert.equal(poolSize([BYTES_PER_WORKER, BYTES_PER_WORKER], 8), 2);
      assert.equal(poolSize([10 * BYTES_PER_WORKER], 8), 1, 'one file, one thread');
      process.env['DILIGENCE_JOBS'] = '3';
      assert.equal(poolSize([1, 2, 3, 4], 2), 3);
      assert.equal(poolSize([1, 2], 2), 2);
      process.env['DILIGENCE_JOBS'] = 'x';
      assert.equal(poolSize([1, 2], 8), 1);
    } finally {
      if (saved === undefined) delete process.env['DILIGENCE_JOBS'];
      else process.env['DILIGENCE_JOBS'] = saved;
    }
  });

  it('a configuration file applies to every file with several jobs too (the pool stands aside for it)', () => {
    ensureBuilt();
    const sub = join(dir, 'configured');
    mkdirSync(join(sub, '.git'), { recursive: true });
    for (const f of ['a.md', 'b.md']) copyFileSync(join(dir, f), join(sub, f));
    writeFileSync(join(sub, '.diligence.jsonc'), '{ "diagnostics": { "severity": { "todo": "off", "placeholder": "off" } } }');
    const run = (jobs: number) => spawnSync(process.execPath, [CLI, 'check', 'a.md', 'b.md', '--offline', '--format', 'json'], { cwd: sub, encoding: 'utf8', env: { ...process.env, DILIGENCE_JOBS: String(jobs) } }).stdout;
    const codes = (out: string) => new Set((JSON.parse(out) as { files: Array<{ diagnostics: Array<{ code: string }> }> }).files.flatMap((f) => f.diagnostics.map((d) => d.code)));
    const pooled = run(2);
    assert.ok(!codes(pooled).has('todo') && !codes(pooled).has('placeholder'), 'the file\'s severities in every file');
    assert.equal(pooled, run(1));
  });

  it('shares the files out by size, the largest first to the least loaded', () => {
    assert.deepEqual(shares([{ path: 'a', size: 1 }, { path: 'b', size: 5 }, { path: 'c', size: 3 }, { path: 'd', size: 2 }], 2), [['b', 'a'], ['c', 'd']]);
    assert.deepEqual(shares([{ path: 'a', size: 1 }], 4), [['a']]);
  });
});
