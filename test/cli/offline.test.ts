import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
  return { code, out, err };
}

describe('CLI --offline (issue 12, item 4)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diligence-offline-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'a.md'), '# A\n');
  const file = join(dir, 'dd.md');
  writeFileSync(file, '# W Incubation Due Diligence\n\n## G\n\n### Required\n\n- [x] **A criterion.**\n\n  See [ok](docs/a.md), [gone](docs/missing.md), [web](https://example.org/x) and [web2](https://example.org/y).\n');

  it('checks relative links against the file system, and says once that web links were not checked', async () => {
    const r = await run(['check', '--offline', file]);
    const lines = r.out.split('\n').filter(Boolean);
    assert.deepEqual(lines.filter((l) => l.includes(' link-broken ')).length, 1);
    assert.match(lines.find((l) => l.includes(' link-broken '))!, /docs\/missing\.md/);
    const notChecked = lines.filter((l) => l.includes(' links-not-checked '));
    assert.equal(notChecked.length, 1);
    assert.match(notChecked[0]!, /2 web links were not checked: offline/);
  });

  it('a document with only relative links that exist gets nothing about links', async () => {
    const only = join(dir, 'only.md');
    writeFileSync(only, '# W Incubation Due Diligence\n\n## G\n\n### Required\n\n- [x] **A criterion.**\n\n  See [ok](docs/a.md).\n');
    const r = await run(['check', '--offline', only]);
    assert.ok(!/link-broken|links-not-checked/.test(r.out), r.out);
  });
});
