import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { EXAMPLE, ROOT, SMALL } from '../support/docs';
import { ensureBuilt } from '../support/lspClient';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // these tests are about the local checks: never let them reach for the network
  if (args[0] === 'check' || args[0] === 'report') args = [...args, '--offline'];
  const code = await main(args, (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'diligence-cli-'));
const small = join(dir, 'small.md');
writeFileSync(small, SMALL);

// no request leaves the machine: the template is the built-in criteria (said so), links are not checked
describe('CLI', () => {
  it('check (text and github) and report print no control character from the document: no OSC 52 clipboard write, no screen clear', async () => {
    const hostile = join(dir, 'escapes.md');
    writeFileSync(hostile, '# Acme Due Diligence\n\n## Governance\n\n- [ ] **Crit** $LEVEL\n\n  **TODO for X\u001b]52;c;ZXZpbA==\u0007**: clear \u001b[2J\u001b[3J now \u009b31m red \u0008\n');
    for (const format of ['text', 'github']) {
      const r = await run(['check', hostile, '--format', format]);
      assert.ok(r.out.includes('TODO'), r.out);
      // eslint-disable-next-line no-control-regex -- looking for them
      assert.doesNotMatch(r.out.replace(/\n/g, ''), /[\u0000-\u001f\u007f-\u009f]/, `${format}: ${JSON.stringify(r.out)}`);
      assert.ok(r.out.includes('\ufffd'), 'replaced, visibly');
    }
    const report = await run(['report', hostile]);
    // eslint-disable-next-line no-control-regex -- looking for them
    assert.doesNotMatch(report.out.replace(/[\n\t]/g, ''), /[\u0000-\u001f\u007f-\u009f]/);
  });

  it('check: compiler-style text, exit 0 when nothing is an error', async () => {
    const r = await run(['check', small, '--offline']);
    assert.equal(r.code, 0);
    // (offline, one line says web links were not checked; criteria the template has and the
    // document lacks come first, on the title)
    const first = r.out.split('\n').find((l) => !l.includes(' links-not-checked ') && !l.includes(' criterion-missing '))!;
    assert.match(first, /small\.md:5:2: warning placeholder Template placeholder \$TOCMEMBER is still in the text$/);
    assert.match(r.err, /^\d+ problems \(0 errors, \d+ warnings, \d+ info\) in 1 file/);
  });

  it('check --format json: files, diagnostics with 0-based LSP ranges and severity names', async () => {
    const r = await run(['check', small, '--offline', '--format', 'json']);
    const json = JSON.parse(r.out) as { files: Array<{ path: string; diagnostics: Array<{ code: string; severity: string; message: string; range: { start: { line: number; character: number } } }> }> };
    assert.equal(json.files.length, 1);
    const d = json.files[0]!.diagnostics.find((x) => x.code !== 'links-not-checked' && x.code !== 'criterion-missing')!;
    assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
    assert.deepEqual(d.range.start, { line: 4, character: 1 });
    assert.ok(json.files[0]!.diagnostics.every((x) => ['error', 'warning', 'information', 'hint'].includes(x.severity)));
  });

  it('exit 1 when a diagnostic is an error (severity raised by the user)', async () => {
    assert.equal((await run(['check', small, '--offline', '--severity', 'todo=error'])).code, 1);
  });

  it('check --format sarif: SARIF 2.1.0 with rules and 1-based regions', async () => {
    const r = await run(['check', small, '--offline', '--format', 'sarif']);
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    const run0 = s.runs[0];
    assert.equal(run0.tool.driver.name, 'diligence');
    assert.ok(run0.tool.driver.rules.some((x: { id: string }) => x.id === 'required-unmet'));
    const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'placeholder');
    assert.equal(res.level, 'warning');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 5, startColumn: 2, endLine: 5, endColumn: 12 });
    assert.equal(run0.results.find((x: { ruleId: string }) => x.ruleId === 'todo').level, 'note');
  });

  it('check --format github: workflow annotations with escaped properties', async () => {
    const r = await run(['check', small, '--offline', '--format', 'github']);
    // (the last line says how many more findings GitHub would not show: see test/cli/github.test.ts)
    const lines = r.out.trim().split('\n').filter((l) => !l.startsWith('::notice title=diligence::'));
    assert.ok(lines.every((l) => /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=diligence [a-z-]+::/.test(l)), lines.find((l) => !l.startsWith('::')));
    assert.ok(lines.some((l) => l.startsWith('::notice') && l.includes('title=diligence todo::Open TODO for Acme team')));
  });

  it('report --format json: title, project, level, criteria, areas, todos, placeholders', async () => {
    const r = await run(['report', EXAMPLE, '--offline', '--format', 'json']);
    const j = JSON.parse(r.out);
    assert.equal(j.project, 'Acme Mesh');
    assert.equal(j.level, 'Incubation');
    assert.deepEqual(j.criteria, { total: 17, checked: 8 });
    assert.deepEqual(j.areas[0], { name: 'Application Process Principles', line: 16, suggested: { total: 0, met: 0 }, required: { total: 8, met: 1 }, other: { total: 0, met: 0 }, openTodos: 1 });
    // the example has 17 of the template's criteria: the others are missing, and counted
    assert.equal(j.template.source, 'builtin');
    assert.deepEqual([j.template.criteria, j.template.present], [47, 16]);
    assert.deepEqual(j.todos, [{ owner: 'Acme Mesh team', count: 5 }, { owner: 'Marta', count: 1 }]);
    assert.equal(j.placeholders, 14);
  });

  it('report (markdown) is the readiness summary per area', async () => {
    const r = await run(['report', EXAMPLE, '--offline']);
    assert.match(r.out, /\| Governance and Maintainers \| 1\/10 \| 2\/6 \| 3 \|/);
  });

  it('exit 2 with a clear message: usage, missing file, a folder without markdown, invalid UTF-8, binary', async () => {
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, Buffer.from([0x23, 0x20, 0xc3, 0x28, 0x0a]));
    const bin = join(dir, 'bin.md');
    writeFileSync(bin, Buffer.from([0x23, 0x00, 0x01]));
    const cases: Array<[string[], RegExp]> = [
      [[], /no command given/],
      [['lint', small], /unknown command "lint"/],
      [['check'], /check needs a FILE/],
      [['check', small, '--format', 'xml'], /--format takes one of: text, json, sarif, github/],
      [['check', small, '--severity', 'nope=error'], /--severity takes CODE=SEVERITY/],
      [['check', join(dir, 'missing.md')], /missing\.md: no such file/],
      [['check', mkdtempSync(join(tmpdir(), 'diligence-empty-'))], /no markdown file in this folder/],
      [['check', bad], /is not valid UTF-8 text/],
      [['check', bin], /binary file/],
    ];
    for (const [args, msg] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, msg);
    }
  });

  it('exit 2 with a clear message: unreadable file (chmod 000), a path through a file, a dangling symlink', async function () {
    const locked = join(dir, 'locked.md');
    writeFileSync(locked, SMALL);
    chmodSync(locked, 0o000);
    const dangling = join(dir, 'dangling.md');
    symlinkSync(join(dir, 'gone.md'), dangling);
    const cases: Array<[string, RegExp]> = [
      [join(small, 'child.md'), /child\.md: cannot read it \(ENOTDIR\)/],
      [dangling, /dangling\.md: no such file/],
    ];
    for (const [path, message] of cases) {
      const r = await run(['check', path]);
      assert.equal(r.code, 2, path);
      assert.match(r.err, message);
    }
    if (process.getuid?.() !== 0) {
      const r = await run(['check', locked]);
      assert.equal(r.code, 2);
      assert.match(r.err, /locked\.md: permission denied/);
      return;
    }
    // root reads a file whatever its mode: the bundled CLI runs as user nobody instead
    assert.equal((await run(['check', locked])).code, 0, 'root reads a chmod 000 file');
    ensureBuilt();
    chmodSync(dir, 0o755);
    // A checkout in a folder closed to others (a clone made as root in a private folder) cannot be
    // read by nobody at all: the test then says so and is skipped, rather than failing on it.
    const cli = join(ROOT, 'dist', 'cli.cjs');
    const probe = spawnSync(process.execPath, ['-e', 'require("fs").accessSync(process.argv[1], require("fs").constants.R_OK)', cli], { uid: 65534, gid: 65534, encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      console.log(`      (skipped: user nobody cannot read ${cli}; the checkout is not readable by other users)`);
      this.skip();
    }
    const r = spawnSync(process.execPath, [cli, 'check', locked, '--offline'], { uid: 65534, gid: 65534, encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /locked\.md: permission denied/);
  });

  it('checks the other files when one cannot be read, and still exits 2', async () => {
    const r = await run(['check', join(dir, 'missing.md'), small]);
    assert.equal(r.code, 2);
    assert.match(r.out, /small\.md:5:2/);
  });

  it('the bundled CLI runs as `npm run diligence` does', async () => {
    ensureBuilt();
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', EXAMPLE, '--format', 'json', '--offline'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).files[0].diagnostics.length > 20);
    const bad = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
  });
});
