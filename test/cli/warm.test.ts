import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { warmCheck } from '../../server/src/cli/warm';
import { EXAMPLE, ROOT } from '../support/docs';
import { markCached } from '../support/resultsCache';

interface Ran { code: number | undefined; out: string; err: string }

/** The full check (cli.ts), as the tests of the CLI run it. */
async function full(args: string[]): Promise<Ran> {
  let out = '';
  let err = '';
  const code = await main(['check', ...args], (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
  return { code, out, err };
}

/** The answer from the results cache alone (undefined: the full check would run). */
async function warm(args: string[]): Promise<Ran> {
  let out = '';
  let err = '';
  const code = await warmCheck(['check', ...args], { out: (s) => { out += s + '\n'; }, err: (s) => { err += s + '\n'; }, stdin: () => Promise.reject(new Error('no standard input')) });
  return { code, out, err };
}

describe('CLI: a check that the results cache answers whole prints without the analysis (issue 21)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diligence-warm-'));
  const docs = join(dir, 'docs');
  mkdirSync(docs);
  const a = join(docs, 'a.md');
  const b = join(docs, 'b.md');
  writeFileSync(a, readFileSync(EXAMPLE, 'utf8') + '\nSee [the other page](other.md).\n');
  writeFileSync(b, readFileSync(EXAMPLE, 'utf8').replace('## ', '## Extra\n\n- [ ] **Something** TODO: ask “them”\n\n## '));
  const offline = ['--offline'];

  it('prints what the full check prints, byte for byte, in every format, with the same exit code', async () => {
    const saved = process.env['GITHUB_STEP_SUMMARY'];
    delete process.env['GITHUB_STEP_SUMMARY'];
    try {
      for (const extra of [[], ['--severity', 'todo=error']]) {
        const cacheDir = join(dir, `cache-same-${extra.length}`);
        const args = [a, b, ...offline, '--cache-dir', cacheDir, ...extra];
        assert.equal((await warm(args)).code, undefined, 'an empty cache answers nothing');
        await full(args);
        for (const format of ['text', 'json', 'sarif', 'github']) {
          const expected = await full([...args, '--format', format]);
          const got = await warm([...args, '--format', format]);
          assert.deepEqual(got, expected, format);
        }
        assert.equal((await warm(args)).code, extra.length > 0 ? 1 : 0);
      }
    } finally {
      if (saved !== undefined) process.env['GITHUB_STEP_SUMMARY'] = saved;
    }
  });

  it('answers from the results cache, and -o FILE gets the same bytes as standard output', async () => {
    const cacheDir = join(dir, 'cache-reused');
    await full([a, b, ...offline, '--cache-dir', cacheDir]);
    markCached(cacheDir);
    const got = await warm([a, b, ...offline, '--cache-dir', cacheDir, '--format', 'json']);
    assert.match(got.out, /FROM THE CACHE/);
    const file = join(dir, 'out.json');
    assert.equal((await warm([a, b, ...offline, '--cache-dir', cacheDir, '--format', 'json', '-o', file])).out, '');
    assert.equal(readFileSync(file, 'utf8'), got.out);
  });

  it('leaves to the full check, printing nothing, whatever it cannot answer exactly as the full check would', async () => {
    const cacheDir = join(dir, 'cache-declines');
    const template = join(dir, 'empty-template.md');
    const profile = join(dir, 'profile.json');
    writeFileSync(template, '');
    writeFileSync(profile, JSON.stringify({
      id: 'acme-review', name: 'Acme review', foundation: 'Acme', stage: 'Incubation', detect: { titlePatterns: ['^acme\\b'], keywords: ['Acme'] },
      areas: [{ id: 'governance', name: 'Governance', criteria: [{ id: 'governance.maintainers', title: 'Document complete list of current maintainers.', level: 'required', keywords: ['maintainers'], evidence: ['maintainers'] }] }],
    }));
    const base = [a, b, ...offline, '--cache-dir', cacheDir];
    const declines = async (args: string[], why: string): Promise<void> => {
      assert.deepEqual(await warm(args), { code: undefined, out: '', err: '' }, why);
    };
    await full(base);
    assert.notEqual((await warm(base)).code, undefined, 'the cache answers the same command line');
    await declines([...base, 'missing.md'], 'a file that cannot be read (the full check says so)');
    await declines([...base, '-'], 'standard input');
    await declines([...base, '--evidence'], '--evidence asks the network');
    await declines([...base, '--config', profile], 'a configuration file for every document');
    await declines([...base, '--severity', 'no-such-code=error'], 'a setting the full check warns about');
    await declines([...base, '--format', 'json', '-o', join(dir, 'no-such-folder', 'x.json')], 'an output file that cannot be written');
    // an empty --template file, cached, then removed: the full check says there is none
    const withTemplate = [...base, '--template', template];
    await full(withTemplate);
    assert.notEqual((await warm(withTemplate)).code, undefined);
    rmSync(template);
    await declines(withTemplate, 'the template file is gone');
    assert.equal((await full(withTemplate)).code, 2);
    const withProfile = [...base, '--profile', profile];
    assert.doesNotMatch((await full(withProfile)).err, /profile/, 'a valid profile');
    assert.notEqual((await warm(withProfile)).code, undefined);
    rmSync(profile);
    await declines(withProfile, 'the profile file is gone');
    // a file edited since, and a configuration file that now applies
    writeFileSync(b, readFileSync(b, 'utf8') + '\nEdited.\n');
    await declines(base, 'a file edited since the cached run');
    await full(base);
    assert.notEqual((await warm(base)).code, undefined);
    writeFileSync(join(docs, '.diligence.jsonc'), '{}');
    try {
      await declines(base, 'a configuration file applies');
    } finally {
      rmSync(join(docs, '.diligence.jsonc'));
    }
    // a results.json that cannot be read
    writeFileSync(join(cacheDir, 'results.json'), '{ broken');
    await declines(base, 'a broken cache file (the full check says so)');
  });

  const cli = join(ROOT, 'dist', 'cli.cjs');
  it('the bundle: a run the cache answers does not load dist/cli-core.cjs, and prints the same bytes', function () {
    if (!existsSync(cli) || !existsSync(join(ROOT, 'dist', 'cli-core.cjs'))) {
      console.log('      (skipped: dist/cli.cjs and dist/cli-core.cjs are not built)');
      this.skip();
    }
    // what was loaded, said on standard error at exit
    const hook = join(dir, 'loaded.cjs');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write('core loaded: ' + Object.keys(require.cache).some((k) => k.endsWith('cli-core.cjs')) + '\\n'));\n");
    const cacheDir = join(dir, 'cache-bundle');
    const run = (): { out: string; err: string; status: number | null } => {
      const r = spawnSync(process.execPath, ['-r', hook, cli, 'check', a, b, '--offline', '--format', 'json', '--cache-dir', cacheDir], { encoding: 'utf8', maxBuffer: 1 << 26 });
      return { out: r.stdout, err: r.stderr, status: r.status };
    };
    const cold = run();
    assert.match(cold.err, /core loaded: true/);
    const again = run();
    assert.match(again.err, /core loaded: false/);
    assert.equal(again.out, cold.out);
    assert.equal(again.status, cold.status);
    assert.ok((JSON.parse(again.out) as { files: unknown[] }).files.length === 2);
  });
});
