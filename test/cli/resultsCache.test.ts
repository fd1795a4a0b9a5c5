import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { EXAMPLE } from '../support/docs';
import { markCached } from '../support/resultsCache';

async function check(args: string[]): Promise<string> {
  let out = '';
  await main(['check', ...args, '--offline', '--format', 'json'], (s) => { out += s + '\n'; }, () => {});
  return out;
}

describe('CLI: --cache-dir results (issue 21)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diligence-results-'));
  const doc = join(dir, 'dd.md');
  const base = readFileSync(EXAMPLE, 'utf8') + '\nSee [the other page](other.md).\n';

  it('reuses a file\'s result while its content, the settings and the files it links to are unchanged', async () => {
    const cacheDir = join(dir, 'cache1');
    writeFileSync(doc, base);
    const cold = await check([doc, '--cache-dir', cacheDir]);
    assert.match(cold, /link-broken/, 'other.md does not exist yet');
    assert.equal(await check([doc, '--cache-dir', cacheDir]), cold, 'warm = cold, byte for byte');
    markCached(cacheDir);
    assert.match(await check([doc, '--cache-dir', cacheDir]), /FROM THE CACHE/, 'unchanged: reused');
    // another setting: not reused
    const other = await check([doc, '--cache-dir', cacheDir, '--severity', 'todo=off']);
    assert.doesNotMatch(other, /FROM THE CACHE/);
    assert.doesNotMatch(other, /"code": "todo"/);
  });

  it('a run that changes nothing does not write the cache again', async () => {
    const cacheDir = join(dir, 'cache-still');
    writeFileSync(doc, base);
    await check([doc, '--cache-dir', cacheDir]);
    const path = join(cacheDir, 'results.json');
    const before = { text: readFileSync(path, 'utf8'), mtime: statSync(path).mtimeMs };
    await new Promise((r) => setTimeout(r, 20));
    await check([doc, '--cache-dir', cacheDir]);
    assert.equal(readFileSync(path, 'utf8'), before.text);
    assert.equal(statSync(path).mtimeMs, before.mtime, 'not rewritten');
  });

  it('keeps one entry per file: an edited file replaces its entry, so the cache does not grow with every edit', async () => {
    const cacheDir = join(dir, 'cache-edits');
    for (let i = 0; i < 4; i++) {
      writeFileSync(doc, `${base}\nEdit ${i}.\n`);
      await check([doc, '--cache-dir', cacheDir]);
    }
    const data = JSON.parse(readFileSync(join(cacheDir, 'results.json'), 'utf8')) as { messages: string[]; entries: Record<string, { diagnostics: unknown[] }> };
    const entries = Object.values(data.entries);
    assert.equal(entries.length, 1);
    // kept as the formats print them (no `source`, no quick-fix `data`), packed, each message once
    assert.ok(entries[0]!.diagnostics.length > 0);
    assert.ok(entries[0]!.diagnostics.every((d) => Array.isArray(d) && d.length === 7));
    assert.equal(new Set(data.messages).size, data.messages.length);
  });

  it('keeps the entries of this run\'s settings and of the three used last: other builds and settings do not pile up', async () => {
    const cacheDir = join(dir, 'cache-salts');
    writeFileSync(doc, base);
    const severities = ['todo=off', 'todo=hint', 'todo=error', 'placeholder=off', 'placeholder=hint', 'link-broken=off'];
    for (const severity of severities) await check([doc, '--cache-dir', cacheDir, '--severity', severity]);
    const data = JSON.parse(readFileSync(join(cacheDir, 'results.json'), 'utf8')) as { entries: Record<string, unknown> };
    assert.equal(Object.keys(data.entries).length, 4, 'one file under 4 settings');
    // the last settings' result is still reused
    markCached(cacheDir);
    assert.match(await check([doc, '--cache-dir', cacheDir, '--severity', 'link-broken=off']), /FROM THE CACHE/);
  });

  it('a broken or hand-edited results.json is said and ignored, never a crash', async () => {
    const cacheDir = join(dir, 'cache-broken');
    writeFileSync(doc, base);
    const cold = await check([doc, '--cache-dir', cacheDir]);
    const path = join(cacheDir, 'results.json');
    const data = JSON.parse(readFileSync(path, 'utf8')) as { messages: string[]; entries: Record<string, { diagnostics: unknown[]; deps: unknown }> };
    for (const broken of [
      (d: typeof data) => { for (const e of Object.values(d.entries)) e.diagnostics = [['x', 1, 0, 0, 0, 0, 99_999]]; },
      (d: typeof data) => { for (const e of Object.values(d.entries)) e.diagnostics = [{ range: null }]; },
      (d: typeof data) => { for (const e of Object.values(d.entries)) e.deps = [5]; },
    ]) {
      const copy = JSON.parse(JSON.stringify(data)) as typeof data;
      broken(copy);
      writeFileSync(path, JSON.stringify(copy));
      assert.equal(await check([doc, '--cache-dir', cacheDir]), cold, 'analysed again, the same result');
    }
    writeFileSync(path, '\u0000\u0001 not json');
    assert.equal(await check([doc, '--cache-dir', cacheDir]), cold);
  });

  it('a cache folder created inside the documents\' folder by the first run does not void that run\'s results', async () => {
    // the result depends on the documents' folder (an interview file added to it counts): the
    // first run must not change that folder after recording it
    const own = mkdtempSync(join(tmpdir(), 'diligence-results-inside-'));
    const file = join(own, 'dd.md');
    writeFileSync(file, base);
    const cacheDir = join(own, '.cache');
    await check([file, '--cache-dir', cacheDir]);
    markCached(cacheDir);
    assert.match(await check([file, '--cache-dir', cacheDir]), /FROM THE CACHE/, 'the second run is warm');
  });

  it('analyses the file again when its content or a relative link target changes', async () => {
    const cacheDir = join(dir, 'cache2');
    writeFileSync(doc, base);
    await check([doc, '--cache-dir', cacheDir]);
    markCached(cacheDir);
    writeFileSync(doc, base + '\nOne more line.\n');
    assert.doesNotMatch(await check([doc, '--cache-dir', cacheDir]), /FROM THE CACHE/, 'content changed');
    markCached(cacheDir);
    writeFileSync(join(dir, 'other.md'), '# Other\n');
    const fresh = await check([doc, '--cache-dir', cacheDir]);
    assert.doesNotMatch(fresh, /FROM THE CACHE/, 'the link target appeared');
    assert.doesNotMatch(fresh, /other\.md/, 'and the link is no longer broken');
  });
});
