import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../server/src/cli';
import { ROOT } from '../support/docs';
import { ensureBuilt } from '../support/lspClient';
import { TEMPLATE } from '../support/templateFixture';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--offline'], (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
  return { code, out, err };
}

describe('CLI --template', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diligence-template-'));
  const template = join(dir, 'template.md');
  const document = join(dir, 'widget.md');
  writeFileSync(template, TEMPLATE);
  writeFileSync(document, TEMPLATE.replace(/\$PROJECT/g, 'Widget'));

  it('holds the documents to the template: its own text is not an evaluation', async () => {
    const count = (out: string) => out.split('\n').filter((l) => l.includes(' evaluation-missing ')).length;
    const without = await run(['check', document]);
    const held = await run(['check', document, '--template', template]);
    assert.equal(count(held.out), 3);
    assert.ok(count(without.out) < 3);
  });

  it('an unreadable template is a usage error with its reason', async () => {
    const r = await run(['check', document, '--template', join(dir, 'missing.md')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /template .*missing\.md/);
  });
});

describe('CLI text output', () => {
  it('ends the summary line on stderr with a newline', function () {
    this.timeout(30_000);
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'diligence-summary-'));
    const file = join(dir, 'x.md');
    writeFileSync(file, '# X\n\n- [ ] **A criterion.**\n');
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', '--offline', file], { encoding: 'utf8' });
    assert.match(r.stderr, /problems? \(.*\) in 1 file\n$/);
  });
});
