/**
 * The command line as its peers have it (issue 14, section 3): parseArgs, `--`, files, folders,
 * quoted globs, `-` for standard input, `-o FILE`, a closed pipe, `report` on several files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { ROOT, SMALL } from '../support/docs';
import { ensureBuilt } from '../support/lspClient';

async function run(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; }, () => Promise.resolve(Buffer.from(stdin ?? '')));
  return { code, out, err };
}

/** the files a text-format check printed findings for */
function filesIn(out: string): string[] {
  return [...new Set(out.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf(':'))))];
}

const CLI = join(ROOT, 'dist', 'cli.cjs');
const dir = mkdtempSync(join(tmpdir(), 'diligence-args-'));
mkdirSync(join(dir, 'projects', 'a', 'deep'), { recursive: true });
mkdirSync(join(dir, 'projects', 'b'));
mkdirSync(join(dir, 'projects', 'node_modules'));
mkdirSync(join(dir, 'projects', '.hidden'));
mkdirSync(join(dir, 'empty'));
for (const f of ['projects/a/a-dd.md', 'projects/a/notes.md', 'projects/a/deep/c-dd.md', 'projects/b/b-dd.md', 'projects/node_modules/x-dd.md', 'projects/.hidden/y-dd.md', '-dash.md']) writeFileSync(join(dir, f), SMALL);
writeFileSync(join(dir, 'projects', 'b', 'image.png'), 'not markdown');

describe('CLI arguments (node:util parseArgs)', () => {
  it('--reviewer followed by an option is refused, not taken for -v (which printed the version and exited 0 without checking)', async () => {
    const r = await run(['check', '--reviewer', '-v', join(dir, 'projects/a/a-dd.md'), '--offline']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--reviewer.*ambiguous/);
    assert.doesNotMatch(r.out, /^0\.1\.0$/m);
    // with = the value may start with a dash
    assert.equal((await run(['check', '--reviewer=-v', join(dir, 'projects/a/a-dd.md'), '--offline'])).code, 0);
  });

  it('-- ends the options: a file named -dash.md after it is checked; unknown options before it are named', async () => {
    const r = await run(['check', '--offline', '--', join(dir, '-dash.md')]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(filesIn(r.out), [join(dir, '-dash.md')]);
    const bad = await run(['check', '--offline', '--nope', join(dir, '-dash.md')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown option "--nope"/);
    const missing = await run(['check', join(dir, '-dash.md'), '--format']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--format needs a value/);
  });

  it('-h and -v anywhere after the command; a command must come first', async () => {
    assert.match((await run(['check', 'x.md', '-h'])).out, /Usage:\n {2}diligence check FILE\.\.\./);
    assert.equal((await run(['report', '--version'])).out, '0.1.0\n');
    const r = await run(['--offline', 'check', 'x.md']);
    assert.equal(r.code, 2);
    assert.match(r.err, /a command comes first/);
  });

  it('a folder: its markdown files at any depth, sorted, without node_modules and dot folders', async () => {
    const r = await run(['check', '--offline', join(dir, 'projects')]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(filesIn(r.out), ['projects/a/a-dd.md', 'projects/a/deep/c-dd.md', 'projects/a/notes.md', 'projects/b/b-dd.md'].map((f) => join(dir, f)));
    const empty = await run(['check', '--offline', join(dir, 'empty')]);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /empty: no markdown file in this folder/);
  });

  it('a quoted glob is expanded by us (* stays in a folder, ** crosses folders), each file once', async () => {
    const r = await run(['check', '--offline', join(dir, 'projects/*/*-dd.md'), join(dir, 'projects/a/a-dd.md')]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(filesIn(r.out), ['projects/a/a-dd.md', 'projects/b/b-dd.md'].map((f) => join(dir, f)));
    const deep = await run(['check', '--offline', join(dir, 'projects/**/*-dd.md')]);
    assert.deepEqual(filesIn(deep.out), ['projects/a/a-dd.md', 'projects/a/deep/c-dd.md', 'projects/b/b-dd.md'].map((f) => join(dir, f)));
  });

  it('a glob no file matches is said, the other files are still checked, exit 2', async () => {
    const r = await run(['check', '--offline', join(dir, 'nowhere/*.md'), join(dir, 'projects/b/b-dd.md')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /nowhere\/\*\.md: no file matches/);
    assert.deepEqual(filesIn(r.out), [join(dir, 'projects/b/b-dd.md')]);
  });

  it('a relative glob is read from the working folder, and paths are shown relative to it (bundled CLI)', () => {
    ensureBuilt();
    const r = spawnSync(process.execPath, [CLI, 'check', '--offline', 'projects/*/*-dd.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(filesIn(r.stdout), ['projects/a/a-dd.md', 'projects/b/b-dd.md']);
  });

  it('- reads the document from standard input, shown as <stdin>', async () => {
    const r = await run(['check', '--offline', '-'], SMALL);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^<stdin>:5:2: warning placeholder /m);
    ensureBuilt();
    const spawned = spawnSync(process.execPath, [CLI, 'report', '--offline', '--format', 'json', '-'], { input: SMALL, encoding: 'utf8' });
    assert.equal(spawned.status, 0, spawned.stderr);
    assert.equal(typeof JSON.parse(spawned.stdout).required.total, 'number');
    const binary = await run(['check', '-'], '\u0000\u0001');
    assert.equal(binary.code, 2);
    assert.match(binary.err, /standard input: is a binary file/);
  });

  it('-o FILE writes the output there (standard output stays empty); a folder that does not exist is said before any work', async () => {
    const file = join(dir, 'out.txt');
    const r = await run(['check', '--offline', '-o', file, join(dir, 'projects/b/b-dd.md')]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.match(readFileSync(file, 'utf8'), /b-dd\.md:5:2: warning placeholder /);
    assert.match(r.err, /problems/, 'the summary stays on standard error');
    const bad = await run(['check', '--offline', '--output', join(dir, 'no', 'such', 'out.txt'), join(dir, 'projects/b/b-dd.md')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /-o .*out\.txt: its folder does not exist/);
  });

  it('report takes several files: one report each, or one JSON array', async () => {
    const files = [join(dir, 'projects/a/a-dd.md'), join(dir, 'projects/b/b-dd.md')];
    const json = await run(['report', '--offline', '--format', 'json', ...files]);
    assert.equal(json.code, 0, json.err);
    const reports = JSON.parse(json.out) as unknown[];
    assert.ok(Array.isArray(reports));
    assert.equal(reports.length, 2);
    const md = await run(['report', '--offline', ...files]);
    assert.equal(md.out.match(/^# Readiness: /gm)?.length, 2);
    // one file: one object, as before
    assert.ok(!Array.isArray(JSON.parse((await run(['report', '--offline', '--format', 'json', files[0]!])).out)));
  });

  it('| head -1 closes the pipe: no EPIPE crash, and the exit code is still the check\'s (bundled CLI)', function () {
    ensureBuilt();
    // enough findings to fill the pipe many times over
    const big = join(dir, 'big.md');
    writeFileSync(big, SMALL + Array.from({ length: 800 }, (_, i) => `\n**TODO for Team ${i % 7}**: item ${i} $TOCMEMBER\n`).join(''));
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" check --offline "${big}" | head -1`], { encoding: 'utf8' });
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
    assert.doesNotMatch(r.stderr, /EPIPE|internal error|Unhandled/);
    // it ran to the end: the summary, and its own exit code (no error among the findings)
    assert.match(r.stderr, /^\d+ problems \(0 errors/m);
    assert.equal(r.status, 0, r.stderr);
  });
});
