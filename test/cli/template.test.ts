import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
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
