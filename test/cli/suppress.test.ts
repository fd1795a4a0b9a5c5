import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { SMALL } from '../support/docs';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--offline'], (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'diligence-suppress-'));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('CLI: the document\'s suppression comments', () => {
  it('check honours disable-line, disable-file (a link-verdict finding too) and configure-file; the exit code follows', async () => {
    const plain = await run(['check', write('plain.md', SMALL), '--format', 'json']);
    const before = JSON.parse(plain.out).files[0].diagnostics as Array<{ code: string; range: { start: { line: number } } }>;
    assert.ok(before.some((d) => d.code === 'links-not-checked'));
    assert.equal(before.filter((d) => d.code === 'todo').length, 2);

    const text = `<!-- diligence-disable-file links-not-checked -->\n<!-- diligence-configure-file {"diagnostics": {"severity": {"placeholder": "error"}}} -->\n${SMALL.replace('add CODEOWNERS to the website repository', 'add CODEOWNERS to the website repository <!-- diligence-disable-line todo -->')}`;
    const raised = await run(['check', write('raised.md', text), '--format', 'json']);
    assert.equal(raised.code, 1, 'placeholders are errors in this document');
    const after = JSON.parse(raised.out).files[0].diagnostics as Array<{ code: string; severity: string }>;
    assert.equal(after.filter((d) => d.code === 'links-not-checked').length, 0);
    assert.equal(after.filter((d) => d.code === 'todo').length, 1);
    assert.ok(after.filter((d) => d.code === 'placeholder').every((d) => d.severity === 'error'));

    const quiet = await run(['check', write('quiet.md', text.replace('<!-- diligence-disable-file links-not-checked -->', '<!-- diligence-disable-file links-not-checked placeholder -->'))]);
    assert.equal(quiet.code, 0);
    assert.doesNotMatch(quiet.out, / placeholder /);
  });

  it('a directive-invalid is reported like any finding; report says how many were suppressed', async () => {
    const file = write('invalid.md', `<!-- diligence-disable todoo -->\n${SMALL.replace('add CODEOWNERS', 'add CODEOWNERS <!-- diligence-disable-line todo -->')}`);
    const r = await run(['check', file]);
    assert.match(r.out, /invalid\.md:1:1: warning directive-invalid Unknown code "todoo" in diligence-disable \(did you mean "todo"\?\): it is ignored/);
    const report = await run(['report', file, '--format', 'json']);
    assert.equal(JSON.parse(report.out).findings.suppressed, 1);
    assert.match((await run(['report', file])).out, /; 1 more suppressed by the document's own `diligence-` comments/);
  });
});
